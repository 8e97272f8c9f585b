// The transparency portal: a small single-page app over the public API (no build step).
// Everything it shows comes from public routes; history entries can be checked in the browser
// against the signed Merkle checkpoint, so a reader need not trust this page either.
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
  const view = document.getElementById('view');
  let lang = localStorage.getItem('mesas.lang') || 'es';

  const T = {
    es: {
      'nav.mesas': 'Mesas',
      'nav.history': 'Historial público',
      'nav.analytics': 'Analítica',
      'nav.verify': 'Verificar',
      'nav.api': 'API',
      verifyTitle: 'Verificar el historial',
      verifySub:
        'El mismo árbol en los formatos del ecosistema de registros de transparencia (C2SP): checkpoint firmado, clave y teselas en /tlog. Testigos independientes lo cofirman, así el registro no puede mostrar historias distintas a lectores distintos.',
      verifyCmd: 'Verifíquelo usted mismo',
      witnesses: 'Testigos',
      noWitnesses: 'Este registro no tiene testigos configurados.',
      witness: 'Testigo',
      cosignedSize: 'Tamaño cofirmado',
      cosignedAt: 'Cofirmado',
      cosignsCurrent: 'cofirma el checkpoint actual ✓',
      behind: 'aún no cofirma el checkpoint actual',
      lastError: 'último error',
      footer:
        'Cada decisión es un evento inmutable; el historial es un registro Merkle firmado que cualquiera puede verificar.',
      mesas: 'Mesas Ejecutivas',
      mesasSub:
        'Grupos público-privados que identifican y eliminan los cuellos de botella de un sector productivo.',
      resolved: 'resueltos',
      convener: 'Convocante',
      since: 'desde',
      participants: 'Participantes',
      sessions: 'Sesiones',
      matrix: 'Matriz',
      asOf: 'Ver la matriz al',
      now: 'ahora',
      problem: 'Problema',
      barrier: 'Barrera',
      status: 'Estado',
      solution: 'Solución',
      tasks: 'Tareas',
      rank: 'Prioridad',
      overdue: 'vencida',
      noRows: 'Sin problemas registrados a esa fecha.',
      history: 'Historial público',
      historySub:
        'Una entrada por evento, en orden global. Cada entrada puede verificarse contra el checkpoint firmado.',
      verify: 'verificar',
      verified: 'incluida en el árbol firmado ✓',
      notVerified: 'NO verifica ✗',
      more: 'más',
      checkpoint: 'Checkpoint',
      signature: 'firma',
      sigOk: 'firma Ed25519 válida ✓',
      sigBad: 'firma inválida ✗',
      sigNA: 'este navegador no verifica Ed25519',
      analytics: 'Analítica',
      ttr: 'Tiempo hasta la resolución (Kaplan–Meier)',
      ttrSub: 'Los problemas abiertos cuentan como censurados, no se descartan.',
      groupBy: 'Agrupar por',
      none: 'ninguno',
      mesa: 'mesa',
      all: 'todas',
      median: 'mediana',
      days: 'días',
      cadence: 'Cadencia de sesiones ordinarias',
      from: 'desde',
      to: 'hasta',
      perMonth: 'por mes',
      longestGap: 'mayor intervalo',
      taskDelivery: 'Cumplimiento de tareas por entidad',
      entity: 'Entidad',
      assigned: 'asignadas',
      done: 'cumplidas',
      onTime: 'a tiempo',
      overdueNow: 'vencidas',
      unavailable: 'No disponible todavía en este servidor.',
      whoseMove: '¿En qué cancha está la pelota?',
      whoseMoveSub:
        'Días de cada problema desde que se planteó hasta su resolución: escalado a alto nivel, en manos de las entidades con tareas abiertas (repartido por igual), o del equipo dedicado.',
      court: 'Quién tiene la pelota',
      share: 'proporción',
      problems: 'problemas',
      high_level: 'alto nivel (escalamiento)',
      dedicated_team: 'equipo dedicado',
      screening: 'Filtro: qué pidió cada organización y qué se aceptó',
      organisation: 'Organización',
      accepted: 'aceptados',
      pending: 'pendientes',
      rejectedShare: '% rechazado',
      reasons: 'motivos de rechazo',
      csv: 'descargar CSV',
      back: '← todas las mesas',
      mesaHistory: 'Historial de esta mesa',
    },
    en: {
      'nav.mesas': 'Mesas',
      'nav.history': 'Public history',
      'nav.analytics': 'Analytics',
      'nav.verify': 'Verify',
      'nav.api': 'API',
      verifyTitle: 'Verify the history',
      verifySub:
        'The same tree in the formats of the transparency-log ecosystem (C2SP): signed checkpoint, key and tiles under /tlog. Independent witnesses cosign it, so the log cannot show different histories to different readers.',
      verifyCmd: 'Verify it yourself',
      witnesses: 'Witnesses',
      noWitnesses: 'This log has no witnesses configured.',
      witness: 'Witness',
      cosignedSize: 'Cosigned size',
      cosignedAt: 'Cosigned at',
      cosignsCurrent: 'cosigns the current checkpoint ✓',
      behind: 'has not cosigned the current checkpoint yet',
      lastError: 'last error',
      footer:
        'Every decision is an immutable event; the history is a signed Merkle log that anyone can verify.',
      mesas: 'Executive Roundtables',
      mesasSub:
        'Public-private groups that find and remove the bottlenecks of a productive sector.',
      resolved: 'resolved',
      convener: 'Convener',
      since: 'since',
      participants: 'Participants',
      sessions: 'Sessions',
      matrix: 'Matrix',
      asOf: 'Matrix as of',
      now: 'now',
      problem: 'Problem',
      barrier: 'Barrier',
      status: 'Status',
      solution: 'Solution',
      tasks: 'Tasks',
      rank: 'Rank',
      overdue: 'overdue',
      noRows: 'No problems recorded by that date.',
      history: 'Public history',
      historySub:
        'One entry per event, in global order. Each entry can be checked against the signed checkpoint.',
      verify: 'verify',
      verified: 'included in the signed tree ✓',
      notVerified: 'does NOT verify ✗',
      more: 'more',
      checkpoint: 'Checkpoint',
      signature: 'signature',
      sigOk: 'valid Ed25519 signature ✓',
      sigBad: 'invalid signature ✗',
      sigNA: 'this browser cannot verify Ed25519',
      analytics: 'Analytics',
      ttr: 'Time to resolution (Kaplan–Meier)',
      ttrSub: 'Open problems count as censored, not dropped.',
      groupBy: 'Group by',
      none: 'none',
      mesa: 'mesa',
      all: 'all',
      median: 'median',
      days: 'days',
      cadence: 'Regular session cadence',
      from: 'from',
      to: 'to',
      perMonth: 'per month',
      longestGap: 'longest gap',
      taskDelivery: 'Task delivery by entity',
      entity: 'Entity',
      assigned: 'assigned',
      done: 'done',
      onTime: 'on time',
      overdueNow: 'overdue',
      unavailable: 'Not available on this server yet.',
      whoseMove: 'Whose move is it?',
      whoseMoveSub:
        'Days of each problem from raised to resolved: escalated to the high level, with the entities that have open tasks (shared equally), or with the dedicated team.',
      court: 'Who holds the ball',
      share: 'share',
      problems: 'problems',
      high_level: 'high level (escalation)',
      dedicated_team: 'dedicated team',
      screening: 'Screening: what each organisation asked for and what was accepted',
      organisation: 'Organisation',
      accepted: 'accepted',
      pending: 'pending',
      rejectedShare: '% rejected',
      reasons: 'rejection reasons',
      csv: 'download CSV',
      back: '← all mesas',
      mesaHistory: 'History of this mesa',
    },
  };
  const t = (k) => (T[lang] && T[lang][k]) || k;
  // The names of the domain's codes (barrier, status, root cause…) come from the API, so that
  // this page never keeps a copy of a vocabulary: {name: {code: {es, en}}}, filled by route().
  let vocabularies = null;
  const codesOf = (name, fallback) =>
    vocabularies && vocabularies[name] ? Object.keys(vocabularies[name]) : fallback;
  const label = (name, code) => {
    if (code == null) return '';
    const entry = vocabularies && vocabularies[name] && vocabularies[name][code];
    return entry ? entry[lang] : String(code).replace(/_/g, ' ');
  };
  async function loadVocabularies() {
    if (vocabularies) return;
    try {
      const body = await get('/vocabularies');
      const loaded = {};
      for (const [name, entries] of Object.entries(body.vocabularies)) {
        loaded[name] = Object.fromEntries(entries.map((e) => [e.code, e]));
      }
      vocabularies = loaded;
    } catch (e) {
      // codes are shown as they are; the next view tries again
    }
  }
  const esc = (s) =>
    String(s == null ? '' : s).replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
    );
  const fmtDate = (iso) =>
    iso
      ? new Date(iso).toLocaleDateString(lang === 'es' ? 'es-PE' : 'en-GB', {
          year: 'numeric',
          month: 'short',
          day: 'numeric',
          timeZone: 'America/Lima',
        })
      : '—';

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

  function applyI18n() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach((el) => (el.textContent = t(el.dataset.i18n)));
    document.getElementById('lang').textContent = lang === 'es' ? 'EN' : 'ES';
  }

  // ---- mesas ---------------------------------------------------------------------------
  async function mesasView() {
    const { mesas } = await get('/mesas');
    view.innerHTML = `<h1>${t('mesas')}</h1><p class="sub">${t('mesasSub')}</p><div class="cards">${mesas
      .map(
        (m) => `<a class="card" href="#/mesas/${esc(m.mesaId)}"><h3>${esc(m.name)}</h3>
          <div class="muted">${esc(label('mesaKind', m.kind))} · ${esc(m.convener)} · ${esc(label('mesaStatus', m.status))} ${m.launchedAt ? fmtDate(m.launchedAt) : ''}</div>
          <div class="pills">${codesOf('matrixStatus', Object.keys(m.problems))
            .filter((s) => m.problems[s] > 0)
            .map(
              (s) =>
                `<span class="pill ${esc(s)}">${m.problems[s]} ${esc(label('matrixStatus', s))}</span>`,
            )
            .join('')}</div></a>`,
      )
      .join('')}</div>`;
  }

  async function mesaView(mesaId, asOf) {
    const mesa = await get(`/mesas/${encodeURIComponent(mesaId)}`);
    const matrix = await get(
      `/mesas/${encodeURIComponent(mesaId)}/matrix${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`,
    );
    const conveners = mesa.convenerHistory
      .map((c) => `${esc(c.convener)} (${t('since')} ${fmtDate(c.since)})`)
      .join(' → ');
    const regular = mesa.sessions.filter((s) => s.type === 'regular').length;
    view.innerHTML = `<p><a href="#/">${t('back')}</a></p><h1>${esc(mesa.name)}</h1>
      <p class="sub">${esc(mesa.scope)}</p>
      <p><strong>${t('convener')}:</strong> ${conveners}<br/>
      <strong>${t('participants')}:</strong> ${mesa.participants.filter((p) => p.active).length} ·
      <strong>${t('sessions')}:</strong> ${mesa.sessions.length} (${regular} regular) ·
      <a href="#/history?mesa=${esc(mesaId)}">${t('mesaHistory')}</a></p>
      <h2>${t('matrix')}</h2>
      <div class="controls"><label>${t('asOf')} <input type="date" id="asof" value="${asOf ? asOf.slice(0, 10) : ''}" /></label>
      <button class="link" id="asof-now">${t('now')}</button></div>
      ${matrixTable(matrix.rows)}`;
    document.getElementById('asof').addEventListener('change', (e) => {
      const d = e.target.value;
      location.hash = `#/mesas/${mesaId}${d ? `?asOf=${d}T23:59:59-05:00` : ''}`;
    });
    document
      .getElementById('asof-now')
      .addEventListener('click', () => (location.hash = `#/mesas/${mesaId}`));
  }

  function matrixTable(rows) {
    if (rows.length === 0) return `<p class="muted">${t('noRows')}</p>`;
    return `<table><thead><tr><th>${t('rank')}</th><th>${t('problem')}</th><th>${t('barrier')}</th><th>${t('status')}</th><th>${t('solution')}</th><th>${t('tasks')}</th></tr></thead><tbody>${rows
      .map(
        (
          r,
        ) => `<tr><td>${r.rank ?? ''}</td><td>${esc(r.title)}<div class="muted">${esc(label('ownership', r.ownership))} ${r.rootCause ? '· ' + esc(label('rootCause', r.rootCause)) : ''} · ${fmtDate(r.raisedAt)}</div></td>
        <td>${esc(label('barrier', r.barrier))}</td><td><span class="pill ${esc(r.status)}">${esc(label('matrixStatus', r.status))}</span>${r.escalation ? `<div class="muted">${esc(label('escalationReason', r.escalation.reason))} · ${fmtDate(r.escalation.since)}</div>` : ''}${r.resolvedAt ? `<div class="muted">${fmtDate(r.resolvedAt)}</div>` : ''}</td>
        <td>${r.solution ? `${esc(r.solution.text)} <span class="muted">(v${r.solution.revision})</span>` : ''}</td>
        <td><ul class="tasks">${r.tasks
          .map(
            (k) =>
              `<li>${esc(k.title)} — <strong>${esc(k.responsibleEntity)}</strong>, ${esc(k.dueOn)} · ${esc(label('taskStatus', k.status))}${k.overdue ? ` <span class="overdue">${t('overdue')}</span>` : ''}</li>`,
          )
          .join('')}</ul></td></tr>`,
      )
      .join('')}</tbody></table>`;
  }

  // ---- history and its proofs ----------------------------------------------------------
  async function historyView(params) {
    const mesa = params.get('mesa');
    const base = mesa ? `/mesas/${encodeURIComponent(mesa)}/history` : '/history';
    let checkpoint = null;
    try {
      checkpoint = await get('/transparency/checkpoint');
    } catch (e) {
      view.innerHTML = `<h1>${t('history')}</h1><p class="muted">${t('unavailable')}</p>`;
      return;
    }
    view.innerHTML = `<h1>${t('history')}${mesa ? ` — ${esc(mesa)}` : ''}</h1><p class="sub">${t('historySub')}</p>
      <p><strong>${t('checkpoint')}:</strong> ${checkpoint.treeSize} · <code>${esc(checkpoint.rootHash.slice(0, 16))}…</code> · <span id="sig" class="muted">${t('signature')}…</span></p>
      <div id="entries"></div><p><button class="link" id="more">${t('more')}</button></p>`;
    verifySignature(checkpoint).then((ok) => {
      const el = document.getElementById('sig');
      el.textContent = ok === null ? t('sigNA') : ok ? t('sigOk') : t('sigBad');
      el.className = ok === null ? 'muted' : ok ? 'verified' : 'failed';
    });
    let after = null;
    const more = async () => {
      const page = await get(
        `${base}?limit=50&lang=${lang}${after !== null ? `&after=${after}` : ''}`,
      );
      const box = document.getElementById('entries');
      for (const e of page.entries) {
        const div = document.createElement('div');
        div.className = 'entry';
        div.innerHTML = `<div>${esc(e.summary)}</div><div class="meta">#${e.index} · ${esc(e.type)} · ${fmtDate(e.occurredAt)} · <button class="link">${t('verify')}</button> <span></span></div>`;
        div.querySelector('button').addEventListener('click', async () => {
          const out = div.querySelector('.meta span');
          const ok = await verifyEntry(e, checkpoint).catch(() => false);
          out.textContent = ok ? t('verified') : t('notVerified');
          out.className = ok ? 'verified' : 'failed';
        });
        box.appendChild(div);
      }
      after = page.nextAfter;
      document.getElementById('more').style.display = after === null ? 'none' : '';
    };
    document.getElementById('more').addEventListener('click', more);
    await more();
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

  // ---- analytics -----------------------------------------------------------------------
  async function analyticsView(params) {
    const groupBy = params.get('groupBy') || '';
    const mesaId = params.get('mesaId') || '';
    const { mesas } = await get('/mesas');
    view.innerHTML = `<h1>${t('analytics')}</h1>
      <div class="controls"><label>${t('mesa')} <select id="mesa"><option value="">${t('all')}</option>${mesas
        .map(
          (m) =>
            `<option value="${esc(m.mesaId)}" ${m.mesaId === mesaId ? 'selected' : ''}>${esc(m.name)}</option>`,
        )
        .join('')}</select></label>
      <label>${t('groupBy')} <select id="group">${[
        '',
        'barrier',
        'ownership',
        'rootCause',
        'escalated',
        'mesa',
      ]
        .map(
          (g) =>
            `<option value="${g}" ${g === groupBy ? 'selected' : ''}>${g || t('none')}</option>`,
        )
        .join('')}</select></label></div>
      <h2>${t('ttr')}</h2><p class="sub">${t('ttrSub')}</p><div id="ttr"></div>
      <h2>${t('cadence')}</h2><div id="cadence"></div>
      <h2>${t('taskDelivery')}</h2><div id="tasks"></div>
      <h2>${t('whoseMove')}</h2><p class="sub">${t('whoseMoveSub')}</p><div id="whose-move"></div>
      <h2>${t('screening')}</h2><div id="screening"></div>`;
    const go = () => {
      const q = new URLSearchParams();
      const m = document.getElementById('mesa').value;
      const g = document.getElementById('group').value;
      if (m) q.set('mesaId', m);
      if (g) q.set('groupBy', g);
      location.hash = `#/analytics?${q}`;
    };
    document.getElementById('mesa').addEventListener('change', go);
    document.getElementById('group').addEventListener('change', go);
    const q = new URLSearchParams();
    if (mesaId) q.set('mesaId', mesaId);
    if (groupBy) q.set('groupBy', groupBy);
    try {
      const ttr = await get(`/analytics/time-to-resolution?${q}`);
      document.getElementById('ttr').innerHTML = survivalChart(ttr.groups, groupBy);
    } catch (e) {
      document.getElementById('ttr').innerHTML = `<p class="muted">${t('unavailable')}</p>`;
    }
    const cadenceBox = document.getElementById('cadence');
    const mesa = mesas.find((m) => m.mesaId === mesaId);
    if (!mesa) cadenceBox.innerHTML = `<p class="muted">— ${t('mesa')}?</p>`;
    else {
      try {
        const from = (mesa.launchedAt || '2014-01-01').slice(0, 10);
        const to = new Date().toISOString().slice(0, 10);
        const c = await get(
          `/analytics/cadence?mesaId=${encodeURIComponent(mesaId)}&from=${from}&to=${to}`,
        );
        cadenceBox.innerHTML = `<p>${c.sessions} ${t('sessions').toLowerCase()} · ${c.perMonth.toFixed(2)} ${t('perMonth')} · ${t('longestGap')}: ${c.longestGapDays ?? '—'} ${t('days')}</p>${c.months ? monthBars(c.months) : ''}`;
      } catch (e) {
        cadenceBox.innerHTML = `<p class="muted">${t('unavailable')}</p>`;
      }
    }
    try {
      const tasks = await get(
        `/analytics/tasks?groupBy=responsibleEntity${mesaId ? `&mesaId=${encodeURIComponent(mesaId)}` : ''}`,
      );
      document.getElementById('tasks').innerHTML =
        `<table><thead><tr><th>${t('entity')}</th><th>${t('assigned')}</th><th>${t('done')}</th><th>${t('onTime')}</th><th>${t('overdueNow')}</th></tr></thead><tbody>${tasks.groups
          .map(
            (g) =>
              `<tr><td>${esc(g.key)}</td><td>${g.assigned}</td><td>${g.done}</td><td>${g.doneOnTime}</td><td>${g.overdueNow}</td></tr>`,
          )
          .join('')}</tbody></table>`;
    } catch (e) {
      document.getElementById('tasks').innerHTML = `<p class="muted">${t('unavailable')}</p>`;
    }
    const only = mesaId ? `mesaId=${encodeURIComponent(mesaId)}` : '';
    const box = (id, html) => (document.getElementById(id).innerHTML = html);
    try {
      const wm = await get(`/analytics/whose-move?${only}`);
      box('whose-move', courtChart(wm.groups) + csvLink('/analytics/whose-move', only));
    } catch (e) {
      box('whose-move', `<p class="muted">${t('unavailable')}</p>`);
    }
    try {
      const sc = await get(`/analytics/screening?groupBy=organisation&${only}`);
      box('screening', screeningTable(sc.groups) + csvLink('/analytics/screening', only));
    } catch (e) {
      box('screening', `<p class="muted">${t('unavailable')}</p>`);
    }
  }

  const courtLabel = (court) =>
    court === 'high_level' || court === 'dedicated_team' ? t(court) : court;
  const pct = (x) => (x == null ? '—' : `${(x * 100).toFixed(1)}%`);
  const csvLink = (route, query) =>
    `<p><a href="${API}${route}?${query ? `${query}&` : ''}format=csv" download>${t('csv')}</a></p>`;

  /** Horizontal bars of days per court, with the same numbers in a table beside them. */
  function courtChart(groups) {
    if (groups.length === 0) return `<p class="muted">${t('noRows')}</p>`;
    const W = 640,
      row = 24,
      L = 200;
    const max = Math.max(...groups.map((g) => g.days), 1);
    const H = groups.length * row + 10;
    const bars = groups
      .map((g, i) => {
        const w = ((W - L - 70) * g.days) / max;
        const color =
          g.court === 'high_level'
            ? '#b3261e'
            : g.court === 'dedicated_team'
              ? '#5b6575'
              : '#1f4fb5';
        return `<text x="${L - 6}" y="${i * row + 20}" text-anchor="end">${esc(courtLabel(g.court))}</text><rect x="${L}" y="${i * row + 6}" width="${Math.max(1, w)}" height="${row - 8}" fill="${color}"/><text x="${L + w + 4}" y="${i * row + 20}">${pct(g.share)}</text>`;
      })
      .join('');
    const table = `<table><caption class="sr-only">${t('whoseMove')}</caption><thead><tr><th scope="col">${t('court')}</th><th scope="col">${t('days')}</th><th scope="col">${t('share')}</th><th scope="col">${t('problems')}</th></tr></thead><tbody>${groups
      .map(
        (g) =>
          `<tr><th scope="row">${esc(courtLabel(g.court))}</th><td>${g.days.toFixed(1)}</td><td>${pct(g.share)}</td><td>${g.problems}</td></tr>`,
      )
      .join('')}</tbody></table>`;
    return `<div class="chart-and-table"><svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(t('whoseMove'))}">${bars}</svg>${table}</div>`;
  }

  function screeningTable(groups) {
    if (groups.length === 0) return `<p class="muted">${t('noRows')}</p>`;
    return `<table><caption class="sr-only">${t('screening')}</caption><thead><tr><th scope="col">${t('organisation')}</th><th scope="col">${t('raised')}</th><th scope="col">${t('accepted')}</th><th scope="col">${t('rejected')}</th><th scope="col">${t('pending')}</th><th scope="col">${t('rejectedShare')}</th><th scope="col">${t('reasons')}</th></tr></thead><tbody>${groups
      .map(
        (g) =>
          `<tr><th scope="row">${esc(g.key)}</th><td>${g.raised}</td><td>${g.accepted}</td><td>${g.rejected}</td><td>${g.pending}</td><td>${pct(g.rejectedShare)}</td><td>${g.reasons.map((r) => `${esc(r.reason)} (${r.n})`).join('; ')}</td></tr>`,
      )
      .join('')}</tbody></table>`;
  }

  const COLORS = [
    '#b3261e',
    '#1f4fb5',
    '#1e7b45',
    '#a05a00',
    '#6b3fa0',
    '#00796b',
    '#5b6575',
    '#c2185b',
  ];
  // groupBy barrier, ownership and rootCause group by a vocabulary of the same name
  function survivalChart(groups, groupBy) {
    const W = 640,
      H = 260,
      L = 40,
      B = 30;
    const maxDay = Math.max(30, ...groups.flatMap((g) => g.curve.map((p) => p.day)));
    const x = (d) => L + (d / maxDay) * (W - L - 10);
    const y = (s) => 10 + (1 - s) * (H - B - 10);
    const paths = groups.map((g, i) => {
      let d = `M${x(0)},${y(1)}`;
      let prev = 1;
      for (const p of g.curve) {
        d += ` L${x(p.day)},${y(prev)} L${x(p.day)},${y(p.survival)}`;
        prev = p.survival;
      }
      d += ` L${x(maxDay)},${y(prev)}`;
      return `<path d="${d}" fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="2"/>`;
    });
    const ticks = [0, 0.25, 0.5, 0.75, 1].map(
      (s) =>
        `<text x="4" y="${y(s) + 4}">${s}</text><line x1="${L}" x2="${W - 10}" y1="${y(s)}" y2="${y(s)}" stroke="#eee"/>`,
    );
    const legend = groups
      .map(
        (g, i) =>
          `<span style="color:${COLORS[i % COLORS.length]}">■ ${esc(groupBy ? label(groupBy, g.key) : g.key)}: n=${g.n}, ${g.resolved} ${t('resolved')}, ${g.censored} cens., ${t('median')} ${g.medianDays == null ? '—' : g.medianDays.toFixed(1) + ' ' + t('days')}</span>`,
      )
      .join('');
    return `<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="survival curves">${ticks.join('')}${paths.join('')}<text x="${W - 60}" y="${H - 8}">${maxDay.toFixed(0)} ${t('days')}</text><text x="${L}" y="${H - 8}">0</text></svg><div class="legend">${legend}</div>`;
  }

  function monthBars(months) {
    const W = 640,
      H = 120;
    const max = Math.max(1, ...months.map((m) => m.sessions));
    const w = (W - 20) / months.length;
    return `<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="sessions per month">${months
      .map(
        (m, i) =>
          `<rect x="${10 + i * w}" y="${H - 20 - (m.sessions / max) * (H - 30)}" width="${Math.max(1, w - 2)}" height="${(m.sessions / max) * (H - 30)}" fill="#1f4fb5"><title>${m.month}: ${m.sessions}</title></rect>`,
      )
      .join(
        '',
      )}<text x="10" y="${H - 4}">${months[0] ? months[0].month : ''}</text><text x="${W - 60}" y="${H - 4}">${months.length ? months[months.length - 1].month : ''}</text></svg>`;
  }

  // ---- verification: the C2SP checkpoint and its witnesses -----------------------------
  async function verifyView() {
    const [note, vkey, witnesses] = await Promise.all([
      fetch('/tlog/checkpoint').then((r) =>
        r.ok ? r.text() : Promise.reject(new Error(r.statusText)),
      ),
      fetch('/tlog/vkey').then((r) => (r.ok ? r.text() : '')),
      get('/transparency/witnesses'),
    ]);
    const [, size] = note.split('\n');
    const flags = witnesses.map((w) => `--witness '${w.vkey}'`).join(' ');
    const rows = witnesses
      .map(
        (w) => `<tr><td>${esc(w.name)}<div class="muted"><code>${esc(w.vkey)}</code></div></td>
        <td>${w.cosignedSize ?? '—'}</td><td>${w.cosignedAt ? esc(new Date(w.cosignedAt).toLocaleString(lang === 'es' ? 'es-PE' : 'en-GB', { timeZone: 'America/Lima' })) : '—'}</td>
        <td>${String(w.cosignedSize) === size ? `<span class="verified">${t('cosignsCurrent')}</span>` : `<span class="muted">${t('behind')}</span>`}${w.lastError ? `<div class="muted">${t('lastError')}: ${esc(w.lastError)}</div>` : ''}</td></tr>`,
      )
      .join('');
    view.innerHTML = `<h1>${t('verifyTitle')}</h1><p class="sub">${t('verifySub')}</p>
      <h2>${t('checkpoint')}</h2><pre id="note">${esc(note)}</pre>
      <p><code>${esc(vkey)}</code></p>
      <h2>${t('witnesses')}</h2>
      ${witnesses.length ? `<table id="witnesses"><thead><tr><th>${t('witness')}</th><th>${t('cosignedSize')}</th><th>${t('cosignedAt')}</th><th></th></tr></thead><tbody>${rows}</tbody></table>` : `<p class="muted">${t('noWitnesses')}</p>`}
      <h2>${t('verifyCmd')}</h2>
      <pre>npx mesas audit verify --url ${esc(location.origin)}${witnesses.length ? ` ${esc(flags)} --quorum ${witnesses.length}` : ''}</pre>`;
  }

  // ---- routing -------------------------------------------------------------------------
  async function route() {
    applyI18n();
    const [path, query] = location.hash.replace(/^#/, '').split('?');
    const params = new URLSearchParams(query || '');
    view.innerHTML = '<p class="muted">…</p>';
    try {
      await loadVocabularies();
      const mesa = /^\/mesas\/([a-z0-9-]+)$/.exec(path || '');
      if (mesa) await mesaView(mesa[1], params.get('asOf'));
      else if (path === '/history') await historyView(params);
      else if (path === '/analytics') await analyticsView(params);
      else if (path === '/verify') await verifyView();
      else await mesasView();
    } catch (e) {
      view.innerHTML = `<p class="error">${esc(e.message)}</p>`;
    }
  }

  document.getElementById('lang').addEventListener('click', () => {
    lang = lang === 'es' ? 'en' : 'es';
    localStorage.setItem('mesas.lang', lang);
    route();
  });
  window.addEventListener('hashchange', route);
  route();
})();
