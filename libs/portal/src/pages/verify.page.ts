import { html } from '../html-template';
import { PageContext, renderPage } from '../page-layout';
import type { VerifyPageView } from '../portal-views';

/**
 * `/verify`: how to check the log without trusting this site: the signed checkpoint, the
 * public key, the commands, and the witnesses' cosignatures when the server has any.
 */
export function renderVerifyPage(ctx: PageContext, view: VerifyPageView): string {
  const { t, links } = ctx;
  const cp = view.checkpoint;
  const origin = view.origin;
  const commands = [
    { label: t.t('verifyCommandAudit'), command: `npx mesas audit verify --url ${origin}` },
    {
      label: t.t('verifyCommandSave'),
      command: `npx mesas audit verify --url ${origin} --save-checkpoint checkpoint.json\nnpx mesas audit verify --url ${origin} --since-checkpoint checkpoint.json`,
    },
    {
      label: t.t('verifyCommandExport'),
      command: `npx mesas export --url ${origin} --out mesas-export`,
    },
    { label: t.t('verifyCommandOffline'), command: 'npx mesas audit verify --file mesas-export' },
  ];
  const body = html`<h1>${t.t('verifyTitle')}</h1>
    <p class="lead">${t.t('verifyIntro')}</p>
    <section aria-labelledby="cp-h">
      <h2 id="cp-h">${t.t('verifyCheckpoint')}</h2>
      ${
        cp
          ? html`<dl class="facts wide">
                <div>
                  <dt>${t.t('treeSize')}</dt>
                  <dd>${t.number(cp.treeSize)}</dd>
                </div>
                <div>
                  <dt>${t.t('rootHash')}</dt>
                  <dd><code class="hash break">${cp.rootHash}</code></dd>
                </div>
                <div>
                  <dt>${t.t('signature')}</dt>
                  <dd><code class="hash break">${cp.signature}</code></dd>
                </div>
                <div>
                  <dt>${t.t('signedMessage')}</dt>
                  <dd>
                    <pre>
mesas-transparency-log
${cp.treeSize}
${cp.rootHash}
</pre>
                  </dd>
                </div>
              </dl>
              <p class="meta">
                <a href="${links.api('/transparency/checkpoint')}" type="application/json"
                  >/api/v1/transparency/checkpoint</a
                >
              </p>`
          : html`<p class="empty">${t.t('unavailableTitle')}</p>`
      }
    </section>
    <section aria-labelledby="key-h">
      <h2 id="key-h">${t.t('publicKey')}</h2>
      ${view.publicKeyPem ? html`<pre class="key">${view.publicKeyPem}</pre>` : html`<p class="empty">${t.t('unavailableTitle')}</p>`}
      <p class="meta">
        <a href="${links.api('/transparency/key')}" type="application/json"
          >/api/v1/transparency/key</a
        >
      </p>
    </section>
    <section aria-labelledby="cmd-h">
      <h2 id="cmd-h">${t.t('verifyCommands')}</h2>
      <p>${t.t('verifyCommandsIntro')}</p>
      ${commands.map(
        (c) =>
          html`<h3>${c.label}</h3>
            <pre class="command"><code>${c.command}</code></pre>`,
      )}
      <p>${t.t('verifyInBrowser')}</p>
    </section>
    <section aria-labelledby="witness-h" id="witnesses">
      <h2 id="witness-h">${t.t('witnesses')}</h2>
      ${
        // Witness cosignatures (C2SP tlog-cosignature lines of the checkpoint), as the checkpoint
        // data offers them: rendered here as published, one line each.
        view.witnessLines.length === 0
          ? html`<p>${t.t('witnessesNone')}</p>`
          : html`<p>${t.t('witnessesIntro')}</p>
              <pre class="witnesses">${view.witnessLines.join('\n')}</pre>`
      }
    </section>`;
  return renderPage(ctx, { title: t.t('verifyTitle'), section: 'verify', body });
}
