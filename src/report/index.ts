export { shouldUseColor, type ColorContext } from './color.js';
export { CSV_COLUMNS, renderCsv, writeCsv, type CsvOptions } from './csv.js';
export { renderJson } from './json.js';
export {
  createProgress,
  type Progress,
  type ProgressOptions,
  type ProgressStream,
} from './progress.js';
export { renderTable, type TableOptions } from './table.js';
