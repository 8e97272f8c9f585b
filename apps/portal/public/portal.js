// The portal's only script, an enhancement: every page is complete without it (rendered on
// the server). It adds a "verify" button to each history entry and timeline step, which checks
// the entry against the signed Merkle checkpoint in the browser, so a reader need not trust this
// page either; and tooltips on the charts. No build step, no dependencies.
// The checks a reader runs in the browser, kept apart from the page so that the same test
// vectors as the server's library (libs/transparency/src/testing/history-vectors.json) run
// against them: under Node (`module` exists) this file exports them and draws no page.
const MesasVerify = (function () {
  'use strict';

  // RFC 8785 canonical JSON: sorted keys (UTF-16 order, JavaScript's default), ES number format.
  // Strings must be well-formed Unicode: a lone surrogate has no canonical form.
  function jcs(v) {
    if (typeof v === 'string') {
      if (!isWellFormed(v)) throw new Error('lone surrogate: not canonicalizable');
      return JSON.stringify(v);
    }
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error('not a finite number');
    if (v === null || typeof v !== 'object') return JSON.stringify(v);
    if (Array.isArray(v)) return `[${v.map(jcs).join(',')}]`;
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => `${jcs(k)}:${jcs(v[k])}`)
      .join(',')}}`;
  }
  function isWellFormed(s) {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = s.charCodeAt(i + 1);
        if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
        i++;
      } else if (c >= 0xdc00 && c <= 0xdfff) return false;
    }
    return true;
  }
  const hex = (buf) =>
    [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
  const unhex = (h) => new Uint8Array(h.match(/../g).map((b) => parseInt(b, 16)));
  async function sha256(...parts) {
    const total = parts.reduce((n, p) => n + p.length, 0);
    const buf = new Uint8Array(total);
    let o = 0;
    for (const p of parts) {
      buf.set(p, o);
      o += p.length;
    }
    return new Uint8Array(await crypto.subtle.digest('SHA-256', buf));
  }
  const node = (l, r) => sha256(new Uint8Array([1]), l, r);

  // An entry's leaf hash: SHA-256(0x00 ‖ JCS(entry without summary and leafHash)), hex.
  async function leafHashOf(entry) {
    const { summary, leafHash, ...leaf } = entry;
    void summary;
    void leafHash;
    return hex(await sha256(new Uint8Array([0]), new TextEncoder().encode(jcs(leaf))));
  }

  const isSize = (n) => Number.isSafeInteger(n) && n >= 0;
  const isHash = (h) => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h);

  // RFC 9162 §2.1.3.2: is `leafHash` the leaf at `index` of the tree of `treeSize` with `rootHash`?
  async function verifyInclusionPath(leafHash, index, treeSize, auditPath, rootHash) {
    if (!isSize(index) || !isSize(treeSize) || index >= treeSize) return false;
    if (!isHash(leafHash) || !isHash(rootHash)) return false;
    if (!Array.isArray(auditPath) || !auditPath.every(isHash)) return false;
    let fn = index;
    let sn = treeSize - 1;
    let r = unhex(leafHash);
    for (const p of auditPath.map(unhex)) {
      if (sn === 0) return false;
      if (fn % 2 === 1 || fn === sn) {
        r = await node(p, r);
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      } else {
        r = await node(r, p);
      }
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    return sn === 0 && hex(r) === rootHash;
  }

  // RFC 9162 §2.1.4.2: is the tree (first, firstRoot) a prefix of the tree (second, secondRoot)?
  async function verifyConsistencyPath(first, second, path, firstRoot, secondRoot) {
    if (!isSize(first) || !isSize(second) || first > second) return false;
    if (!isHash(firstRoot) || !isHash(secondRoot)) return false;
    if (!Array.isArray(path) || !path.every(isHash)) return false;
    if (first === second) return path.length === 0 && firstRoot === secondRoot;
    if (first === 0) return path.length === 0 && firstRoot === hex(await sha256());
    if (path.length === 0) return false;
    const nodes = ((first & (first - 1)) === 0 ? [firstRoot, ...path] : path).map(unhex);
    let fn = first - 1;
    let sn = second - 1;
    while (fn % 2 === 1) {
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    let fr = nodes[0];
    let sr = nodes[0];
    for (const c of nodes.slice(1)) {
      if (sn === 0) return false;
      if (fn % 2 === 1 || fn === sn) {
        fr = await node(c, fr);
        sr = await node(c, sr);
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      } else {
        sr = await node(sr, c);
      }
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    return sn === 0 && hex(fr) === firstRoot && hex(sr) === secondRoot;
  }

  return { jcs, hex, unhex, sha256, leafHashOf, verifyInclusionPath, verifyConsistencyPath };
})();

if (typeof module === 'object' && module && module.exports) module.exports = MesasVerify;

(function () {
  'use strict';
  if (typeof document === 'undefined') return; // loaded by Node for its checks
  const API = '/api/v1';
  const lang = document.documentElement.lang === 'en' ? 'en' : 'es';
  const T = {
    es: {
      verify: 'Verificar',
      checking: 'comprobando…',
      verified: 'incluida en el árbol firmado ✓',
      notVerified: 'NO verifica ✗',
      sigBad: 'la firma del checkpoint NO es válida ✗',
      sigNA: 'este navegador no verifica Ed25519; la inclusión sí se comprobó',
    },
    en: {
      verify: 'Verify',
      checking: 'checking…',
      verified: 'included in the signed tree ✓',
      notVerified: 'does NOT verify ✗',
      sigBad: 'the checkpoint signature is NOT valid ✗',
      sigNA: 'this browser cannot check Ed25519; inclusion was checked',
    },
  };
  const t = (k) => T[lang][k];

  async function get(path) {
    const res = await fetch(API + path, { headers: { accept: 'application/json' } });
    if (!res.ok) {
      const body = await res.json().catch(() => ({}));
      const err = new Error(body.message || res.statusText);
      err.status = res.status;
      throw err;
    }
    return res.json();
  }

  const { leafHashOf, verifyInclusionPath } = MesasVerify;

  // Recomputes the entry's leaf hash, then walks its RFC 9162 inclusion proof to the signed root.
  async function verifyEntry(entry, checkpoint) {
    const computed = await leafHashOf(entry);
    if (computed !== entry.leafHash) return false;
    if (entry.index >= checkpoint.treeSize) return false;
    const proof = await get(
      `/transparency/proof/inclusion?index=${entry.index}&treeSize=${checkpoint.treeSize}`,
    );
    return verifyInclusionPath(
      computed,
      entry.index,
      checkpoint.treeSize,
      proof.auditPath,
      checkpoint.rootHash,
    );
  }

  async function verifySignature(checkpoint) {
    try {
      const { publicKeyPem } = await get('/transparency/key');
      const der = Uint8Array.from(
        atob(publicKeyPem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')),
        (c) => c.charCodeAt(0),
      );
      const key = await crypto.subtle.importKey('spki', der, { name: 'Ed25519' }, false, [
        'verify',
      ]);
      const message = new TextEncoder().encode(
        `mesas-transparency-log\n${checkpoint.treeSize}\n${checkpoint.rootHash}\n`,
      );
      const sig = Uint8Array.from(atob(checkpoint.signature), (c) => c.charCodeAt(0));
      return await crypto.subtle.verify({ name: 'Ed25519' }, key, sig, message);
    } catch (e) {
      return null;
    }
  }

  // ---- the enhancement: a verify button on each entry and step ------------------------------
  let signed = null; // Promise<{checkpoint, signatureOk}>, fetched once per page
  function signedCheckpoint() {
    if (!signed) {
      signed = get('/transparency/checkpoint').then(async (checkpoint) => ({
        checkpoint,
        signatureOk: await verifySignature(checkpoint),
      }));
    }
    return signed;
  }

  async function entryAt(index) {
    const after = index > 0 ? `&after=${index - 1}` : '';
    const page = await get(`/history?limit=1&lang=${lang}${after}`);
    const entry = page.entries[0];
    if (!entry || entry.index !== index) throw new Error(`no entry ${index}`);
    return entry;
  }

  function addVerifyButtons() {
    if (!window.crypto || !crypto.subtle) return;
    for (const item of document.querySelectorAll('[data-history-index]')) {
      const index = Number(item.dataset.historyIndex);
      const row = document.createElement('p');
      row.className = 'meta verify-row';
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'verify-button secondary';
      button.textContent = t('verify');
      const out = document.createElement('span');
      out.setAttribute('role', 'status');
      row.append(button, ' ', out);
      item.append(row);
      button.addEventListener('click', async () => {
        out.className = '';
        out.textContent = t('checking');
        try {
          const { checkpoint, signatureOk } = await signedCheckpoint();
          const ok = await verifyEntry(await entryAt(index), checkpoint);
          out.textContent = !ok
            ? t('notVerified')
            : signatureOk === false
              ? t('sigBad')
              : signatureOk === null
                ? `${t('verified')} (${t('sigNA')})`
                : t('verified');
          out.className = ok && signatureOk !== false ? 'verified' : 'failed';
        } catch (e) {
          out.textContent = `${t('notVerified')} (${e.message})`;
          out.className = 'failed';
        }
      });
    }
  }

  // ---- chart tooltips: the SVG <title> of a bar or curve, shown at once where the pointer is --
  function addChartTooltips() {
    const tip = document.createElement('div');
    tip.className = 'chart-tooltip';
    tip.setAttribute('aria-hidden', 'true');
    tip.hidden = true;
    document.body.append(tip);
    for (const shape of document.querySelectorAll('svg.chart rect, svg.chart path')) {
      const title = shape.querySelector('title');
      if (!title) continue;
      shape.addEventListener('pointerenter', () => {
        tip.textContent = title.textContent;
        tip.hidden = false;
      });
      shape.addEventListener('pointermove', (e) => {
        tip.style.left = `${Math.min(e.pageX + 12, document.documentElement.clientWidth - 160)}px`;
        tip.style.top = `${e.pageY + 12}px`;
      });
      shape.addEventListener('pointerleave', () => (tip.hidden = true));
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    addVerifyButtons();
    addChartTooltips();
  });
})();
