// Turning article text and extracted spans into pieces the screens render as
// text nodes. Nothing here produces HTML: article characters are never
// interpreted as markup.

/** A piece of a snippet: plain text, or a search match. */
export interface Piece {
  text: string;
  match: boolean;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** Splits a core snippet (`<mark>`…`</mark>` around matches, everything else
 * HTML-escaped) into pieces of plain text. */
export function splitMarked(snippet: string): Piece[] {
  const pieces: Piece[] = [];
  const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m);
  let match = false;
  for (const part of snippet.split(/(<mark>|<\/mark>)/)) {
    if (part === '<mark>') match = true;
    else if (part === '</mark>') match = false;
    else if (part.length > 0) pieces.push({ text: unescape(part), match });
  }
  return pieces;
}

/** For each Unicode scalar index 0..=n, the UTF-16 index in `text` (the core
 * counts characters as scalars; JavaScript strings are UTF-16). */
export function scalarToUtf16(text: string): Uint32Array {
  const map: number[] = [];
  let utf16 = 0;
  for (const ch of text) {
    map.push(utf16);
    utf16 += ch.length;
  }
  map.push(utf16);
  return Uint32Array.from(map);
}

/** A highlighted span in UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
  kind: string;
  /** Index of the item in its kind's list (for linking text and side panel). */
  item: number;
}

/** A run of text with the spans covering it. */
export interface Segment {
  text: string;
  start: number;
  spans: Span[];
}

/** Converts scalar-offset spans to UTF-16 spans, dropping any that fall
 * outside the text or are empty (a bad anchor is shown as nothing, not
 * as a wrong highlight). */
export function toUtf16Spans(text: string, spans: Span[]): Span[] {
  const map = scalarToUtf16(text);
  const n = map.length - 1;
  return spans
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end <= n && s.start < s.end)
    .map((s) => ({ ...s, start: map[s.start], end: map[s.end] }));
}

/** Cuts `text` at every span boundary; each segment lists the spans covering it. */
export function segment(text: string, spans: Span[]): Segment[] {
  const cuts = new Set<number>([0, text.length]);
  for (const s of spans) {
    cuts.add(Math.max(0, Math.min(text.length, s.start)));
    cuts.add(Math.max(0, Math.min(text.length, s.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    if (end <= start) continue;
    const covering = spans.filter((s) => s.start <= start && s.end >= end);
    segments.push({ text: text.slice(start, end), start, spans: covering });
  }
  return segments;
}

/** A word-level difference between two quotations, in the core's
 * vocabulary (`equal`, `delete`, `insert`: `compare::DiffPart`). */
export type { DiffPart } from './generated/DiffPart';
import type { DiffPart } from './generated/DiffPart';

/** Word diff by longest common subsequence (quotations are short). */
export function wordDiff(a: string, b: string): DiffPart[] {
  const left = a.split(/(\s+)/).filter((w) => w.length > 0);
  const right = b.split(/(\s+)/).filter((w) => w.length > 0);
  const rows = left.length + 1;
  const cols = right.length + 1;
  const table = new Uint32Array(rows * cols);
  for (let i = left.length - 1; i >= 0; i--) {
    for (let j = right.length - 1; j >= 0; j--) {
      table[i * cols + j] = left[i] === right[j] ? table[(i + 1) * cols + j + 1] + 1 : Math.max(table[(i + 1) * cols + j], table[i * cols + j + 1]);
    }
  }
  const out: DiffPart[] = [];
  const push = (text: string, op: DiffPart['op']) => {
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else out.push({ text, op });
  };
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    if (left[i] === right[j]) {
      push(left[i], 'equal');
      i++;
      j++;
    } else if (table[(i + 1) * cols + j] >= table[i * cols + j + 1]) {
      push(left[i++], 'delete');
    } else {
      push(right[j++], 'insert');
    }
  }
  while (i < left.length) push(left[i++], 'delete');
  while (j < right.length) push(right[j++], 'insert');
  return out;
}

/** One CSV field, quoted when needed; a leading formula character is
 * neutralised so a spreadsheet never runs article text as a formula. */
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Text around a span, for showing a passage in context. `offset` is the
 * UTF-16 index in `text` where `before` starts after its `lead` (the
 * length of a leading "…"), so an offset into the shown text maps back:
 * `offset + shown - lead`. */
export function context(text: string, start: number, end: number, radius = 160): { before: string; passage: string; after: string; offset: number; lead: number } {
  const map = scalarToUtf16(text);
  const n = map.length - 1;
  const s = Math.max(0, Math.min(n, start));
  const e = Math.max(s, Math.min(n, end));
  const from = Math.max(0, s - radius);
  const to = Math.min(n, e + radius);
  const lead = from > 0 ? '…' : '';
  return {
    before: lead + text.slice(map[from], map[s]),
    passage: text.slice(map[s], map[e]),
    after: text.slice(map[e], map[to]) + (to < n ? '…' : ''),
    offset: map[from],
    lead: lead.length,
  };
}

/** The Unicode scalar offset of UTF-16 offset `utf16` in `text` (a selection
 * in the page, sent to the core as scalars); an offset inside a surrogate
 * pair counts the whole character before it. */
export function utf16ToScalar(text: string, utf16: number): number {
  let scalars = 0;
  let at = 0;
  for (const ch of text) {
    if (at + ch.length > utf16) break;
    at += ch.length;
    scalars += 1;
  }
  return scalars;
}
