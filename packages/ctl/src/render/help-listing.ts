// The verb list of `help` with no topic: an empty line, then Python cmd.Cmd.print_topics(header,
// sorted verbs, 15, 80): the header, a ruler of '=', the verbs in columns (cmd.columnize at
// width 79, trailing spaces kept as Python leaves them), and an empty line.
import { pyLen, pyLjust, comparePyStr } from '@tend/protocol';

// cmd.Cmd.columnize: the fewest rows whose columns (two spaces apart) fit in displayWidth.
export function columnize(items: readonly string[], displayWidth: number): string[] {
  if (items.length === 0) return ['<empty>'];
  if (items.length === 1) return [items[0]!];
  const size = items.length;
  let nrows = size;
  let ncols = 1;
  let colwidths = [0];
  for (let rows = 1; rows < size; rows++) {
    const cols = Math.ceil(size / rows);
    const widths: number[] = [];
    let total = -2;
    for (let col = 0; col < cols; col++) {
      let w = 0;
      for (let row = 0; row < rows; row++) {
        const i = row + rows * col;
        if (i >= size) break;
        w = Math.max(w, pyLen(items[i]!));
      }
      widths.push(w);
      total += w + 2;
      if (total > displayWidth) break;
    }
    if (total <= displayWidth) {
      nrows = rows;
      ncols = cols;
      colwidths = widths;
      break;
    }
  }
  const lines: string[] = [];
  for (let row = 0; row < nrows; row++) {
    const texts: string[] = [];
    for (let col = 0; col < ncols; col++) texts.push(items[row + nrows * col] ?? '');
    while (texts.length > 0 && !texts[texts.length - 1]) texts.pop();
    lines.push(texts.map((t, col) => pyLjust(t, colwidths[col]!)).join('  '));
  }
  return lines;
}

export function renderHelpListing(header: string, verbs: readonly string[]): string[] {
  const sorted = [...verbs].sort(comparePyStr);
  if (sorted.length === 0) return [''];
  return ['', header, '='.repeat(pyLen(header)), ...columnize(sorted, 79), ''];
}
