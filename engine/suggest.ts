/** "Did you mean …": the closest of the names a ruleset knows, for a name it does not. */

/**
 * Edit distance between two short names, case ignored: insertions, deletions, substitutions,
 * and two neighbouring letters swapped (`edn` → `end`), each one edit (the optimal string
 * alignment distance, a restricted Damerau–Levenshtein: no substring is edited twice).
 */
export function editDistance(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  // Three rows: two back for a swap, one back for the rest.
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, beforePrevious[j - 2]! + 1);
      current[j] = d;
    }
    [beforePrevious, previous] = [previous, current];
  }
  return previous[y.length]!;
}

/** The known name closest to `name`, when it is close enough to be a typo (a third of its length, at least 1). */
export function closest(name: string, known: Iterable<string>): string | undefined {
  const most = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = most + 1;
  for (const candidate of known) {
    if (Math.abs(candidate.length - name.length) > most) continue;
    const d = editDistance(name, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}
