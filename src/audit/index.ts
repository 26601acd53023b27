export * from './types.js';
export { BLOCKING_CODES, findBlockReason } from './blocking.js';
export { classifyRow, classifyRows, type ClassifyContext } from './classify.js';
export { findMarketplaceConflicts, type ConflictCandidate } from './conflicts.js';
export {
  decideExitCode,
  FAIL_ON_LEVELS,
  type ExitDecision,
  type FailOn,
} from './decide-exit-code.js';
export {
  amazonLeadTimeTarget,
  computeExpected,
  computeLeadTime,
  floorFreeQty,
  hasCapacity,
} from './expected.js';
export { describeRemedy, remedyFor, remedyForView, type RemedyContext } from './remedies.js';
export {
  compareSeverity,
  isAtOrAbove,
  rowSeverity,
  severityOf,
  severityRank,
  SIGNATURE_SEVERITY,
} from './severity.js';
export {
  detectSignatures,
  detectViewSignatures,
  findSuppressingIssue,
  viewRow,
  type RowView,
} from './signatures.js';
export { compareCodePoints, sortRows } from './sort-rows.js';
export { summariseRows, type AuditSummary } from './summarise-rows.js';
