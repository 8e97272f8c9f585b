import { JwtService } from '@nestjs/jwt';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ACTOR_ROLES, VOCABULARIES, VocabularyName } from '@mesas/domain';
import { signToken, verifyToken } from '@mesas/runtime';
import {
  HoldSessionRequest,
  JoinParticipantRequest,
  ProposeMesaRequest,
} from '../mesas/mesa-commands.request.dto';
import {
  ClassifyProblemRequest,
  EscalateRequest,
  FilterProblemRequest,
  RaiseProblemRequest,
} from '../problems/problem-commands.request.dto';
import { vocabulariesResponse } from './vocabularies.http.controller';

/**
 * Every code of every vocabulary of the domain gets through the HTTP edge where that vocabulary
 * comes in, and a code outside it does not. A vocabulary that gains a code the edge refuses
 * fails here; a new vocabulary fails to compile until this table says where it comes in.
 */

type Body = Record<string, unknown>;
interface Entry {
  readonly dto: new () => object;
  readonly field: string;
  /** a valid body around the field */
  readonly body: (code: string | number) => Body;
}

const EDGES: Record<VocabularyName, readonly Entry[]> = {
  mesaKind: [{ dto: ProposeMesaRequest, field: 'kind', body: proposeMesa('kind') }],
  mesaLevel: [{ dto: ProposeMesaRequest, field: 'level', body: proposeMesa('level') }],
  cadenceDays: [
    { dto: ProposeMesaRequest, field: 'cadenceDays', body: proposeMesa('cadenceDays') },
  ],
  participantRole: [
    {
      dto: JoinParticipantRequest,
      field: 'role',
      body: (role) => ({ participantId: 'p-1', name: 'Ana', organisation: 'ADEX', role }),
    },
  ],
  sessionType: [
    {
      dto: HoldSessionRequest,
      field: 'type',
      body: (type) => ({ type, heldOn: '2015-03-10', attendees: ['p-1'] }),
    },
  ],
  barrier: [
    {
      dto: RaiseProblemRequest,
      field: 'barrier',
      body: (barrier) => ({ title: 'Permisos lentos', barrier, raisedBy: 'gremio' }),
    },
  ],
  ownership: [
    {
      dto: ClassifyProblemRequest,
      field: 'ownership',
      body: (ownership) => ({ ownership, rootCause: 'law' }),
    },
  ],
  rootCause: [
    {
      dto: ClassifyProblemRequest,
      field: 'rootCause',
      body: (rootCause) => ({ ownership: 'MP', rootCause }),
    },
  ],
  filterDecision: [
    {
      dto: FilterProblemRequest,
      field: 'decision',
      body: (decision) => ({ decision, reason: 'fuera de alcance' }),
    },
  ],
  escalationReason: [
    { dto: EscalateRequest, field: 'reason', body: (reason) => ({ reason, note: 'MEF' }) },
  ],
  // only ever answered, never taken in: the projections derive them
  mesaStatus: [],
  taskStatus: [],
  matrixStatus: [],
  // comes in inside a bearer token: checked below
  role: [],
};

function proposeMesa(field: string): (code: string | number) => Body {
  return (code) => ({
    name: 'Mesa Forestal',
    kind: 'sector',
    scope: 'forestal',
    convener: 'PRODUCE',
    [field]: code,
  });
}

/** Validates as the API's ValidationPipe does; the fields that failed. */
async function invalidFields(dto: new () => object, body: Body): Promise<string[]> {
  const errors = await validate(plainToInstance(dto, body), {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  return errors.map((e) => e.property);
}

const cases = (Object.keys(EDGES) as VocabularyName[]).flatMap((name) =>
  EDGES[name].map((entry) => [name, entry.field, entry] as const),
);

describe('the HTTP edge and the domain vocabularies', () => {
  it.each(cases)('accepts every %s code in %s', async (name, _field, entry) => {
    const codes: readonly (string | number)[] = VOCABULARIES[name].codes;
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) {
      expect({ code, invalid: await invalidFields(entry.dto, entry.body(code)) }).toEqual({
        code,
        invalid: [],
      });
    }
  });

  it.each(cases)('refuses a code outside %s in %s', async (_name, field, entry) => {
    for (const stranger of ['not_a_code', 0]) {
      expect(await invalidFields(entry.dto, entry.body(stranger))).toEqual([field]);
    }
  });

  it('accepts a bearer token of every role', () => {
    const secret = 'a-test-secret-of-enough-length-for-hs256';
    const jwt = new JwtService({ secret });
    for (const role of ACTOR_ROLES) {
      const actor = verifyToken(jwt, signToken(secret, { sub: 'someone', role }));
      expect(actor?.role).toBe(role);
    }
  });

  it('serves every vocabulary with a Spanish and an English name for each code', () => {
    const { languages, vocabularies } = vocabulariesResponse();
    expect(languages).toEqual(['es', 'en']);
    expect(Object.keys(vocabularies).sort()).toEqual(Object.keys(VOCABULARIES).sort());
    for (const name of Object.keys(VOCABULARIES) as VocabularyName[]) {
      expect(vocabularies[name].map((e) => e.code)).toEqual([...VOCABULARIES[name].codes]);
    }
    expect(vocabularies.barrier).toContainEqual({
      code: 'red_tape',
      es: 'trámites',
      en: 'red tape',
    });
  });
});
