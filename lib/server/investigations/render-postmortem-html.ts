import 'server-only';
// The postmortem as one self-contained HTML file: the Markdown rendered the way the notes are (remark → rehype
// with raw HTML turned into text, as react-markdown does without rehype-raw; unsafe link targets dropped by
// react-markdown's own urlTransform), waterfall figures as inline SVG drawn from the pinned snapshots, print
// styles, no scripts and no external resources. The input is already secret-redacted.
import { toHtml } from 'hast-util-to-html';
import type { Element, Root } from 'hast';
import { defaultUrlTransform } from 'react-markdown';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { escapeXml } from '@/lib/domain/investigations/waterfall-svg';

export interface PostmortemFigure {
  caption: string;
  svg: string;
}

function markdownToHtml(markdown: string): string {
  const processor = unified().use(remarkParse).use(remarkRehype, { allowDangerousHtml: true });
  const tree = processor.runSync(processor.parse(markdown)) as Root;
  visit(tree, (node, index, parent) => {
    if (node.type === 'raw' && parent && typeof index === 'number') {
      parent.children[index] = { type: 'text', value: node.value };
      return index;
    }
    if (node.type === 'element') {
      const el = node as Element;
      for (const key of ['href', 'src'] as const) {
        if (typeof el.properties[key] === 'string') el.properties[key] = defaultUrlTransform(el.properties[key] as string);
      }
      if (el.tagName === 'img') {
        // No remote images: the file must be self-contained.
        Object.assign(el, { tagName: 'span', properties: {}, children: [{ type: 'text', value: `[image: ${String(el.properties.alt ?? '')}]` }] });
      }
    }
    return undefined;
  });
  return toHtml(tree);
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:980px;margin:24px auto;padding:0 16px;color:#1d1d1f}
h1{font-size:26px}h2{border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:28px}code{background:#f3f3f3;padding:0 3px}
figure{margin:16px 0;break-inside:avoid}figcaption{color:#666;font-size:12px}svg{max-width:100%;height:auto}
@media print{a{color:inherit}body{margin:0}h2{break-after:avoid}}`;

export function renderPostmortemHtml(title: string, markdown: string, figures: readonly PostmortemFigure[]): string {
  const figureHtml = figures.length ? `<h2>Figures</h2>${figures.map((f) => `<figure>${f.svg}<figcaption>${escapeXml(f.caption)}</figcaption></figure>`).join('')}` : '';
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
    `<title>${escapeXml(title)}</title><style>${STYLE}</style></head><body>${markdownToHtml(markdown)}${figureHtml}</body></html>`
  );
}
