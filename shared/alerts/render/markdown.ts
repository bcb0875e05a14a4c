import type { Doc, DocLine } from './model';

/**
 * Markdown in the subset DingTalk and WeCom both render: `###` headings, `**bold**`, `>` quotes and line
 * breaks. Each line ends with two spaces plus a newline because DingTalk otherwise joins lines.
 */
export function docToMarkdown(doc: Doc, options: { color?: (line: DocLine) => string } = {}): string {
  const out: string[] = [];
  for (const section of doc.sections) {
    out.push(`### ${section.heading}`);
    section.lines.forEach((line, i) => {
      const text = options.color ? options.color(line) : line.text;
      if (i === 0 && !line.label) out.push(`> ${text}  `);
      else out.push(line.label ? `**${line.label}:** ${text}  ` : `${text}  `);
    });
    out.push('');
  }
  return out.join('\n').trimEnd();
}
