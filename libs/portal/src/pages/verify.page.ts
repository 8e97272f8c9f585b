import { html } from '../html-template';
import { PageContext, renderPage } from '../page-layout';
import type { VerifyPageView } from '../portal-views';
import { scrollRegion } from './page-fragments';

/**
 * `/verify`: how to check the log without trusting this site: the signed checkpoint, the
 * public key, the commands, and the witnesses' cosignatures when the server has any.
 */
export function renderVerifyPage(ctx: PageContext, view: VerifyPageView): string {
  const { t, links } = ctx;
  const cp = view.checkpoint;
  const origin = view.origin;
  const witnessFlags =
    view.witnesses.length === 0
      ? ''
      : ` ${view.witnesses.map((w) => `--witness '${w.vkey}'`).join(' ')} --quorum ${view.witnesses.length}`;
  const commands = [
    {
      label: t.t('verifyCommandAudit'),
      command: `npx mesas audit verify --url ${origin}${witnessFlags}`,
    },
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
    <section aria-labelledby="tlog-h">
      <h2 id="tlog-h">${t.t('tlogTitle')}</h2>
      <p>${t.t('tlogIntro')}</p>
      ${
        view.tlog
          ? html`<pre id="note">${view.tlog.note}</pre>
              <p class="meta">
                ${t.t('tlogKey')}: <code class="hash break">${view.tlog.vkey}</code>
              </p>
              <p class="meta">
                <a href="/tlog/checkpoint" type="text/plain">/tlog/checkpoint</a> ·
                <a href="/tlog/vkey" type="text/plain">/tlog/vkey</a>
              </p>`
          : html`<p class="empty">${t.t('unavailableTitle')}</p>`
      }
    </section>
    <section aria-labelledby="witness-h" id="witnesses-section">
      <h2 id="witness-h">${t.t('witnesses')}</h2>
      ${
        // The witnesses the log asks to cosign, and what each last cosigned: their lines are
        // in the signed note above, and the command below checks them.
        view.witnesses.length === 0
          ? html`<p>${t.t('witnessesNone')}</p>`
          : scrollRegion(
              t.t('witnesses'),
              html`<table id="witnesses">
                <caption>
                  ${t.t('witnessesIntro')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${t.t('witness')}</th>
                    <th scope="col">${t.t('cosignedSize')}</th>
                    <th scope="col">${t.t('cosignedAt')}</th>
                    <th scope="col">${t.t('status')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${view.witnesses.map(
                    (w) =>
                      html`<tr>
                        <th scope="row">
                          ${w.name}<span class="meta"
                            ><code class="hash break">${w.vkey}</code></span
                          >
                        </th>
                        <td>${w.cosignedSize === null ? '—' : t.number(w.cosignedSize)}</td>
                        <td>${w.cosignedAt ? t.timeOf(w.cosignedAt) : '—'}</td>
                        <td>
                          ${
                            cp && w.cosignedSize === cp.treeSize
                              ? html`<span class="verified">${t.t('cosignsCurrent')}</span>`
                              : html`<span class="meta">${t.t('cosignBehind')}</span>`
                          }${w.lastError ? html`<span class="meta">${t.t('lastError')}: ${w.lastError}</span>` : ''}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>`,
            )
      }
    </section>`;
  return renderPage(ctx, { title: t.t('verifyTitle'), section: 'verify', body });
}
