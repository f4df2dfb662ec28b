/**
 * credit-rules: rulesets as data, evaluated against entity records, every point explained.
 * The one public entry of the engine; it runs in Node and in the browser alike.
 */
export { loadRuleset, checkReferences } from './ruleset.js';
export { evaluate, evaluateMany } from './evaluate.js';
export { validateRecord } from './records.js';
export { runCases, validateCase, clauseIds, compareWithExpected, expectedDifferences } from './review/cases.js';
export { CreditRulesError, headlineText } from './errors.js';
export { schemas } from './schemas.js';
export { operators } from './operators.js';
export { addDays, addMonths, endOfMonth, isIsoDate } from './dates.js';
export { lastDayCounted, windowEnd } from './mechanisms/window.js';
export { selectVersion, versionProblems, inForce, effectivePeriod, periodWarning, STATUS_LABELS } from './review/versions.js';
export { policyDiff, caseImpact, ImpactCollector } from './review/diff.js';
export { moveReasons, explainReason } from './review/reasons.js';
export { sensitivity, rulesetNumbers, pointsStep } from './review/sensitivity.js';
export { citationHints, citedNumbers } from './review/citations.js';
export { rulesetHints, highestScore } from './hints.js';
export { parameterTypes } from './parameters.js';
export { explain, explainChange, changeLabelText, catalogues } from './explain.js';
export { DEFAULT_UNIT } from './messages/codes.js';
export { EXIT as EXIT_STATUS } from './cli/exit.js';
export { forecast } from './review/forecast.js';

export type { CompiledRuleset } from './compile.js';
export type { EvaluateOptions, Outcome } from './evaluate.js';
export type { RecordCheck } from './records.js';
export type { SampleCase, CaseOutcome, CaseReport, Difference } from './review/cases.js';
export type { ErrorCode, Problem } from './errors.js';
export type { SelectVersionOptions } from './review/versions.js';
export type { CitationHint, CitedNumber, CitedUnit } from './review/citations.js';
export type { MoveReason } from './review/reasons.js';
export type { SensitivityReport, RulesetNumber, NumberKind, Unpinned, InertReason } from './review/sensitivity.js';
export type { RulesetHint } from './hints.js';
export type { Forecast, ForecastOptions, ForecastStep, ForecastNote, GradeRestore, WithoutEvent } from './review/forecast.js';
export type { ChangeWords } from './explain.js';
export type { ExitStatus } from './cli/exit.js';
export type {
  Catalogue, Locale, TraceCode, TraceParamsByCode, TraceExplanation, ChangeCode, ChangeParamsByCode, ChangeExplanation, ChangeLabel, ChangeLabelCode, ChangeLabelParamsByCode,
  MoveCode, MoveParamsByCode, MoveExplanation, LimitKind, LimitSide,
  ForecastCode, ForecastParamsByCode,
  ProblemCode, ProblemParamsByCode, ProblemExplanation, ProblemWords,
  HeadlineCode, HeadlineParamsByCode, HeadlineExplanation, WarningCode, WarningParamsByCode, OperatorName, CliWords,
} from './messages/codes.js';
export type {
  PolicyChange, PolicyChangeFields, PolicySection, ImpactSubject, Standing, ImpactError, CaseImpactRow, ItemMove, NearLine, GradeTransition, CaseImpact, CaseImpactOptions,
} from './review/diff.js';
export type {
  Citation, Clause, Condition, DowngradeResult, EntityEvent, EntityRecord, EventType, AttributeSpec, FactCondition,
  Downgrades, Grade, Indicator, IndicatorResult, Item, ItemKind, ItemResult, Level, Parameter, Project, Provisional, Reading, Result,
  Ruleset, RulesetMeta, RulesetStatus, TraceEntry, TraceKind, TraceLine, Window, WindowEnd, WindowRule, KeepOne, Per, ParameterType,
} from './types.js';
