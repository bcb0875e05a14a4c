/**
 * Every text of a Doc is data: object keys (the parity finding names up to five), bucket names, rule
 * ids, OSS error text. Anyone with PutObject on a source bucket chooses a key, so a renderer that pastes
 * one into markup lets a stranger put a link, bold text or a mention into a critical alert. Each markup
 * channel runs every Doc text through its escaper here, once, as it renders; its own formatting (headings,
 * bold labels, colours) is added around the escaped text. All three first make the text one inert line
 * (shared/log printable), so no value can start a line of its own: headings, lists and quotes need one.
 *
 * What each platform honours (and so what is escaped):
 * - DingTalk and WeCom markdown: CommonMark subsets. DingTalk renders headings, quotes, bold, italics,
 *   links, images, lists and `<font>`; WeCom headings, bold, links, inline code, quotes, `<font>` and the
 *   `<@userid>` mention. Neither documents an escape syntax; we use CommonMark's (a backslash before
 *   punctuation, entities for `&`, `<`, `>`), which markdown renderers share. Our choice, not confirmed
 *   against either client: if one showed a backslash literally, the text would read `\*` but still
 *   carry no markup. Mentions in DingTalk come only from the body's `at` field, never from the text.
 * - Slack mrkdwn: `&`, `<` and `>` are its only control characters (links `<url|text>`, mentions
 *   `<!channel>`, `<@U123>`); it has no escape for `*`, `_` and `~`, so a value can still emphasise
 *   words within its own line, though never link, mention or start a line.
 * - Lark `post` text elements and the generic webhook's `text` are plain text: links and mentions are
 *   elements of their own (`a`, `at`), and `un_escape` is off, so only the line rule applies.
 */
import { printable } from '../../log';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Characters that open inline markup anywhere in a line, and the HTML the markdown platforms take. */
const MARKDOWN_INLINE = /[\\`*_~[\]&<>]/g;

/**
 * Markdown that only means something at the start of a line: a heading, a bullet, a setext underline or
 * thematic break, an ordered-list number. Each needs a space or the line's end after it, so `50.0%` or
 * `-5` stay as they are.
 */
const BLOCK_MARK = /^( *)(?=#{1,6}(?: |$)|[-+](?: |$)|[=-][=\- ]*$)/;
const ORDERED_MARK = /^( *\d{1,9})(?=[.)](?: |$))/;

/** Markdown for DingTalk and WeCom: the value reads as written and adds no markup. */
export function escapeMarkdown(text: string): string {
  return (
    printable(text)
      .replace(MARKDOWN_INLINE, (ch) => ENTITIES[ch] ?? `\\${ch}`)
      .replace(BLOCK_MARK, '$1\\')
      .replace(ORDERED_MARK, '$1\\')
      // A bare URL in a key would be linked by GFM-style autolinking: escaping its `:` or `.` keeps it text.
      .replace(/:\/\//g, '\\://')
      .replace(/\b(www)\./gi, '$1\\.')
  );
}

/** Slack mrkdwn: `&`, `<` and `>` as entities, the only escapes Slack decodes. */
export function escapeSlack(text: string): string {
  return printable(text).replace(/[&<>]/g, (ch) => ENTITIES[ch] as string);
}

/** Plain text (Lark text elements, the generic webhook's `text`): one line, nothing else to escape. */
export function plainLine(text: string): string {
  return printable(text);
}
