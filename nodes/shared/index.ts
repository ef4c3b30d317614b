export { asKey, describeKind, readField, setField, withField } from './fields';
export { errorItem, fieldError, fieldProblem, problemMessage, type FieldProblem } from './errors';
export { pairedWith } from './paired';
export { commaList, fieldNameParameter, fieldPathOfExpression, getFieldName } from './parameters';
export { PROBABILITY_DECIMALS, roundTo } from './format';
export { addRunSummary, countsByOutput, tally } from './hints';
export { itemColumns, modelLibError, modelNodeInputs, modelNodeOutputs, modelParameterOrInput, modelSourceProperties, requireFeatures, validationSplit } from './model';
export { dialectOptions, planItems, sqlGenerationFailure, warehouseParameters } from './warehouse';
export { fileInputSettings, fileItem, fileModeParameters, fileOutputSettings, isFileInput, outputFieldsParameter, outputJson, readInputTable, requireColumns, rowError, rowList, type FileInputSettings, type FileOutputSettings } from './files';
