// Notes are Markdown; this reads the small part of it notes use into blocks
// of styled text runs, which a component renders as text nodes. No HTML is
// ever produced or parsed: a note holding `<script>` shows those characters.

/** A run of text with its style. */
export interface Run {
  text: string;
  strong?: boolean;
  em?: boolean;
  code?: boolean;
  /** An `http(s)` address the run links to (other schemes stay text). */
  href?: string;
}

/** A block: a paragraph, a heading, a list item, a quotation or code. */
export interface Block {
  kind: 'p' | 'h' | 'li' | 'quote' | 'code';
  runs: Run[];
}

/** Reads a note's Markdown: `#` headings, `-`/`*`/`1.` list items, `>`
 * quotations, fenced code, and inline `**strong**`, `*em*`/`_em_`,
 * `` `code` `` and `[text](https://…)` links; everything else is text. */
export function markdown(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'p', runs: inline(paragraph.join(' ')) });
    paragraph = [];
  };
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*```/.test(line)) {
      flush();
      const code: string[] = [];
      for (i += 1; i < lines.length && !/^\s*```/.test(lines[i]); i++) code.push(lines[i]);
      blocks.push({ kind: 'code', runs: [{ text: code.join('\n'), code: true }] });
      continue;
    }
    let m: RegExpMatchArray | null;
    if (line.trim() === '') flush();
    else if ((m = line.match(/^\s{0,3}#{1,6}\s+(.*)$/))) { flush(); blocks.push({ kind: 'h', runs: inline(m[1]) }); }
    else if ((m = line.match(/^\s*(?:[-*+]|\d+[.)])\s+(.*)$/))) { flush(); blocks.push({ kind: 'li', runs: inline(m[1]) }); }
    else if ((m = line.match(/^\s*>\s?(.*)$/))) { flush(); blocks.push({ kind: 'quote', runs: inline(m[1]) }); }
    else paragraph.push(line.trim());
  }
  flush();
  return blocks;
}

const INLINE = /(\*\*[^*]+\*\*|`[^`]+`|\[[^\]]+\]\([^)\s]+\)|\*[^*\s][^*]*\*|_[^_\s][^_]*_)/;

/** Inline styles of one block's text. */
export function inline(text: string): Run[] {
  const runs: Run[] = [];
  for (const part of text.split(INLINE)) {
    if (!part) continue;
    let m: RegExpMatchArray | null;
    if (part.startsWith('**') && part.endsWith('**') && part.length > 4) runs.push({ text: part.slice(2, -2), strong: true });
    else if (part.startsWith('`') && part.endsWith('`') && part.length > 2) runs.push({ text: part.slice(1, -1), code: true });
    else if ((m = part.match(/^\[([^\]]+)\]\(([^)\s]+)\)$/))) {
      const href = /^https?:\/\//i.test(m[2]) ? m[2] : undefined;
      runs.push(href ? { text: m[1], href } : { text: part });
    } else if (/^([*_]).+\1$/.test(part) && part.length > 2) runs.push({ text: part.slice(1, -1), em: true });
    else runs.push({ text: part });
  }
  return runs;
}
