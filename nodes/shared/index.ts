export { asKey, describeKind, readField, withField } from './fields';
export { errorItem, fieldError, fieldProblem, problemMessage, type FieldProblem } from './errors';
export { pairedWith } from './paired';
export { fieldNameParameter } from './parameters';
export { PROBABILITY_DECIMALS, roundTo } from './format';
export { addRunSummary, countsByOutput, tally } from './hints';
export { fileInputSettings, fileItem, fileModeParameters, fileOutputSettings, isFileInput, outputFieldsParameter, outputJson, readInputTable, requireColumns, rowError, rowList, type FileInputSettings, type FileOutputSettings } from './files';
