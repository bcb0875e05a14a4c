import { escapeMarkdown } from './escape';
import type { Doc, DocLine } from './model';

/**
 * Markdown in the subset DingTalk and WeCom both render: `###` headings, `**bold**`, `>` quotes and line
 * breaks. Each line ends with two spaces plus a newline because DingTalk otherwise joins lines. Every
 * Doc text is escaped (render/escape.ts); the markup around it is ours. `color` wraps a line's escaped
 * text in the platform's highlight.
 */
export function docToMarkdown(doc: Doc, options: { color?: (line: DocLine, escaped: string) => string } = {}): string {
  const out: string[] = [];
  for (const section of doc.sections) {
    out.push(`### ${escapeMarkdown(section.heading)}`);
    section.lines.forEach((line, i) => {
      const escaped = escapeMarkdown(line.text);
      const text = options.color ? options.color(line, escaped) : escaped;
      if (i === 0 && !line.label) out.push(`> ${text}  `);
      else out.push(line.label ? `**${escapeMarkdown(line.label)}:** ${text}  ` : `${text}  `);
    });
    out.push('');
  }
  return out.join('\n').trimEnd();
}
