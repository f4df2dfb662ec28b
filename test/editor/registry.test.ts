/** The registry's pure parts: reading JSON, NDJSON and CSV registries, the synthetic generator, and the before/after summary. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, loadRuleset, type Ruleset } from '../../engine/index.js';
import { csvRows, readRegistryFile } from '../../editor/model/registryFile.js';
import { joinParts, partSizes, RegistryPart } from '../../editor/model/registryParts.js';
import { summarise } from '../../editor/model/registrySummary.js';
import { SYNTHETIC_AS_OF, syntheticRegistry } from '../../editor/model/syntheticRegistry.js';

const json = JSON.parse(readFileSync('rulesets/enterprise.json', 'utf8')) as Ruleset;

describe('reading a registry file', () => {
  it('reads a JSON array and NDJSON, naming the lines it cannot read', () => {
    const records = [{ id: 'A', kind: 'enterprise' }, { id: 'B', kind: 'enterprise' }];
    expect(readRegistryFile('r.json', JSON.stringify(records)).records.map((r) => r.id)).toEqual(['A', 'B']);
    const ndjson = readRegistryFile('r.ndjson', '{"id":"A"}\n\n{"id":\n[1]\n{"id":"C"}\n');
    expect(ndjson.records.map((r) => r.id)).toEqual(['A', 'C']);
    expect(ndjson.problems.map((p) => [p.line, p.key])).toEqual([[3, 'notJson'], [4, 'notRecord']]);
    expect(readRegistryFile('r.json', '{\n  "id": "A"\n}\n').records).toEqual([{ id: 'A' }]);
    expect(readRegistryFile('r.json', '{"id":"A"}\n{"id":"B"}').records.map((r) => r.id)).toEqual(['A', 'B']);
    expect(readRegistryFile('r.json', '[1, {"id":"A"}').problems[0]!.key).toBe('notJson');
    expect(readRegistryFile('r.json', '[1, {"id":"A"}]').problems).toEqual([{ line: 1, key: 'notRecord', params: { index: 0 } }]);
  });

  it('splits CSV as RFC 4180 does: quotes, doubled quotes, commas and line breaks inside them, CRLF', () => {
    expect(csvRows('a,b\r\n"x, y","say ""hi"""\n"two\nlines",\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 3, cells: ['two\nlines', ''] },
    ]);
  });

  it('reads a CSV registry, one row per entity, project or event, typing attributes as the ruleset declares them', () => {
    const csv = [
      '\uFEFFrow,entity,name,landscapingScope,licenceValidUntil,project,permitDate,contractAmount,type,date,severity,announceMonths,concealed',
      'entity,E1,甲,是,2030-12-31,,,,,,,,',
      'project,E1,,,,P1,2020-03-01,3000000,,,,,',
      'event,E1,,,,P1,,,qualityAccident,2020-06-01,general,,',
      'event,E1,,,,,,,qualityCriticism,2020-07-01,,6,',
      ',E2,,,,,,,listing,2020-08-01,,,否',
      'person,E3,,,,,,,,,,,',
      ',,,,,,,,qualityComplaint,2020-01-01,,,',
    ].join('\n');
    const file = readRegistryFile('registry.CSV', csv, json.eventTypes);
    expect(file.records).toEqual([
      {
        id: 'E1', kind: 'enterprise', name: '甲', licence: { landscapingScope: true, validUntil: '2030-12-31' },
        projects: [{ id: 'P1', permitDate: '2020-03-01', contractAmount: 3000000 }],
        events: [
          { type: 'qualityAccident', date: '2020-06-01', project: 'P1', severity: 'general' },
          { type: 'qualityCriticism', date: '2020-07-01', announceMonths: 6 },
        ],
      },
      { id: 'E2', kind: 'enterprise', projects: [], events: [{ type: 'listing', date: '2020-08-01', concealed: false }] },
      { id: 'E3', kind: 'enterprise', projects: [], events: [] },
    ]);
    expect(file.problems.map((p) => [p.line, p.key, p.params])).toEqual([[7, 'badRow', { row: 'person' }], [8, 'noEntity', {}]]);
    // The record read is one the engine scores.
    expect(evaluate(loadRuleset(json), file.records[0]!, { asOf: '2021-06-30' }).score).toBeTypeOf('number');
  });
});

describe('the synthetic registry', () => {
  it('is the same for the same seed, every record valid and marked synthetic', () => {
    const a = syntheticRegistry(200);
    expect(syntheticRegistry(200)).toEqual(a);
    expect(syntheticRegistry(200, 7)).not.toEqual(a);
    const compiled = loadRuleset(json);
    for (const record of a) {
      expect(record.name).toMatch(/^合成·/);
      expect((record as { synthetic?: boolean }).synthetic).toBe(true);
      expect(() => evaluate(compiled, record, { asOf: SYNTHETIC_AS_OF })).not.toThrow();
    }
    // Plausible rates: most enterprises have a few events, hardly any an accident.
    const events = a.flatMap((r) => r.events ?? []);
    expect(events.length / a.length).toBeGreaterThan(1);
    expect(events.length / a.length).toBeLessThan(10);
    expect(events.filter((e) => e.type === 'qualityAccident').length / a.length).toBeLessThan(0.1);
  });
});

describe('the before/after summary', () => {
  const entities = [{ id: 'A', name: '甲' }, { id: 'B' }, { id: 'C' }, { id: 'D' }];
  const scores = (xs: number[]) => Float64Array.from(xs);

  it('counts grades and bins before and after, and lists grade changes, falls first', () => {
    const summary = summarise(
      entities,
      { scores: scores([91, 86, 79, NaN]), grades: ['AAA', 'AA+', 'A', null] },
      { scores: scores([89, 86, 81, 70]), grades: ['AA+', 'AA+', 'AA', 'A'] },
      ['AAA', 'AA+', 'AA', 'A', 'B'],
    );
    expect(summary.grades).toEqual(['AAA', 'AA+', 'AA', 'A', 'B']);
    expect(summary.before).toEqual([1, 1, 0, 1, 0]);
    expect(summary.after).toEqual([0, 2, 1, 1, 0]);
    expect(summary.bins).toEqual([70, 75, 80, 85, 90]);
    expect(summary.histogramBefore).toEqual([0, 1, 0, 1, 1]);
    expect(summary.histogramAfter).toEqual([1, 0, 1, 2, 0]);
    expect(summary.moved).toBe(2);
    expect(summary.invalid).toBe(0);
    expect(summary.changed.map((c) => [c.id, c.gradeBefore, c.gradeAfter, c.down])).toEqual([['A', 'AAA', 'AA+', true], ['C', 'A', 'AA', false]]);
    expect(summary.changed[0]!.name).toBe('甲');
  });

  it("keeps a grade only one side has, and no grade, after the table's own", () => {
    const summary = summarise(entities.slice(0, 2), { scores: scores([50, 40]), grades: ['C', null] }, { scores: scores([50, NaN]), grades: ['B', null] }, ['A', 'B']);
    expect(summary.grades).toEqual(['A', 'B', 'C', null]);
    expect(summary.before).toEqual([0, 0, 1, 1]);
    expect(summary.after).toEqual([0, 1, 0, 0]);
    expect(summary.invalid).toBe(1);
  });
});

describe('a registry scored in parts, one a worker', () => {
  it('splits the records as evenly as can be, in order', () => {
    expect(partSizes(10, 3)).toEqual([4, 3, 3]);
    expect(partSizes(2, 4)).toEqual([1, 1, 0, 0]);
    expect(partSizes(0, 2)).toEqual([0, 0]);
  });

  it('joined, the parts are what each record scores alone, refused records at their index in the whole', () => {
    const records = syntheticRegistry(400);
    records.splice(7, 0, { id: 'BAD-1', kind: 'enterprise', licence: { landscapingScope: 'yes' } } as never);
    records.splice(300, 0, { id: 'BAD-2', kind: 'project-lead' } as never);
    const edited = structuredClone(json);
    edited.indicators[1]!.items[0]!.full = 19;
    const texts = [JSON.stringify(json), JSON.stringify(edited)];
    const alone = texts.map((text) => {
      const compiled = loadRuleset(JSON.parse(text));
      return records.map((record) => {
        try {
          const result = evaluate(compiled, record, { asOf: SYNTHETIC_AS_OF, trace: false });
          return [result.score, result.grade];
        } catch {
          return [NaN, null];
        }
      });
    });
    expect(alone[0]!.filter(([, grade], i) => grade !== alone[1]![i]![1]).length).toBeGreaterThan(0);
    for (const count of [1, 3]) {
      let offset = 0;
      const parts = partSizes(records.length, count).map((size) => {
        const part = new RegistryPart(records.slice(offset, offset + size), offset, SYNTHETIC_AS_OF);
        offset += size;
        return part;
      });
      texts.forEach((text, t) => {
        const spans = { compile: 0, evaluate: 0 };
        const joined = joinParts(records.length, parts.map((part) => part.score(text, spans)));
        expect(Array.from(joined.scores, (score, i) => [score, joined.grades[i]])).toEqual(alone[t]);
        expect(joined.invalid.map((r) => [r.index, r.id])).toEqual([[7, 'BAD-1'], [300, 'BAD-2']]);
        expect(joined.gradeOrder).toEqual(['AAA', 'AA+', 'AA', 'A', 'B']);
        expect(spans.evaluate).toBeGreaterThan(0);
      });
    }
  });
});
