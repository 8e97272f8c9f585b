import { parseArgs } from 'node:util';
import { ACTOR_ROLES, ID_PATTERN, isCode } from '@mesas/domain';
import {
  MAX_TOKEN_DAYS,
  isTokenEntity,
  isTokenSubject,
  loadConfig,
  authSecretOf,
  signToken,
} from '@mesas/runtime';
import type { CliCommand } from '../cli-command';

export const tokenCommand: CliCommand = {
  path: ['token'],
  usage: 'mesas token --role ROLE --sub ID [--entity CODE] [--mesa ID] [--days N]',
  summary:
    'print one signed bearer token (HS256 with AUTH_SECRET; embedded profile: or the secret under DATA_DIR)',
  details: [
    'options:',
    `  --role ROLE    one of ${ACTOR_ROLES.join(', ')}`,
    '  --sub ID       who the token is for',
    '  --entity CODE  the entity a public_rep acts for (required for public_rep)',
    '  --mesa ID      limit the token to one mesa',
    '  --days N       validity in days (default 30)',
    '',
    'The secret is AUTH_SECRET. Only the embedded profile (EVENT_STORE=sqlite) falls back to',
    'DATA_DIR/auth-secret, made on first use; the server profile refuses without AUTH_SECRET,',
    'since a secret made here would be one no server process uses.',
  ].join('\n'),
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        role: { type: 'string' },
        sub: { type: 'string' },
        entity: { type: 'string' },
        mesa: { type: 'string' },
        days: { type: 'string', default: '30' },
      },
      strict: true,
    });
    const role = values.role;
    if (!isCode(ACTOR_ROLES, role)) {
      console.error(`--role must be one of ${ACTOR_ROLES.join(', ')}`);
      return 2;
    }
    if (!values.sub) {
      console.error('--sub (who the token is for) is required');
      return 2;
    }
    if (!isTokenSubject(values.sub)) {
      console.error('--sub must be one line of at most 200 characters, without control characters');
      return 2;
    }
    if (values.entity !== undefined && !isTokenEntity(values.entity)) {
      console.error(
        '--entity must be one line of at most 100 characters, without control characters',
      );
      return 2;
    }
    if (role === 'public_rep' && !values.entity) {
      console.error('a public_rep acts for an entity: give --entity CODE');
      return 2;
    }
    if (values.mesa !== undefined && !ID_PATTERN.test(values.mesa)) {
      console.error(`--mesa must be a mesa id (${ID_PATTERN.source})`);
      return 2;
    }
    // every token expires: the guard refuses one without `exp`
    const days = Number(values.days);
    if (!Number.isFinite(days) || days <= 0 || days > MAX_TOKEN_DAYS) {
      console.error(`--days must be a number greater than 0 and at most ${MAX_TOKEN_DAYS}`);
      return 2;
    }
    const config = loadConfig();
    const secret = authSecretOf(config);
    const token = signToken(
      secret,
      {
        sub: values.sub,
        role,
        ...(values.entity !== undefined ? { entity: values.entity } : {}),
        ...(values.mesa !== undefined ? { mesaId: values.mesa } : {}),
      },
      Math.max(1, Math.round(days * 24 * 3600)),
    );
    process.stdout.write(`${token}\n`);
    return 0;
  },
};
