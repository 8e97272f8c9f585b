import { escapeHtml, html, joinHtml, trustedHtml } from './html-template';
import { compactWhitespace } from './page-layout';

describe('html templates', () => {
  it('escapes every interpolated text, in content and in attributes', () => {
    const title = '<script>alert("x")</script> & \'quoted\'';
    const out = html`<a title="${title}">${title}</a>`.value;
    expect(out).toBe(
      '<a title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;</a>',
    );
    expect(out).not.toContain('<script>');
  });

  it('keeps nested templates as markup and escapes the text inside them', () => {
    const items = ['<b>', 'ok'];
    const out = html`<ul>
      ${items.map((i) => html`<li>${i}</li>`)}
    </ul>`.value;
    expect(out.replace(/>\s+</g, '><').trim()).toBe('<ul><li>&lt;b&gt;</li><li>ok</li></ul>');
  });

  it('renders null, undefined and booleans as nothing, numbers as text', () => {
    expect(html`[${null}${undefined}${false}${true}${0}${2.5}]`.value).toBe('[02.5]');
  });

  it('joins with an escaped separator; trusted markup is the only way to bypass escaping', () => {
    expect(joinHtml(['a<', html`<i>b</i>`], ' & ').value).toBe('a&lt; &amp; <i>b</i>');
    expect(html`${trustedHtml('<hr>')}`.value).toBe('<hr>');
    expect(escapeHtml('"<&>\'')).toBe('&quot;&lt;&amp;&gt;&#39;');
  });
});

describe('compactWhitespace', () => {
  it('drops indentation but keeps <pre> content and inline spacing', () => {
    const page =
      '<p>\n    <a>x</a> ·\n    <a>y</a>\n</p>\n<pre class="k">a\n   b\n</pre>\n  <i>z</i>';
    expect(compactWhitespace(page)).toBe(
      '<p>\n<a>x</a> ·\n<a>y</a>\n</p>\n<pre class="k">a\n   b\n</pre>\n<i>z</i>',
    );
  });
});
