export { ColumnTable, TableReadError } from './table';
export { columnsFor, isGzip, readTable, type ReadTableOptions, type ReadTableResult, type TableFormat } from './read';
export { ColumnSet, csvCell, resultColumns, TableWriter, type TableWriterOptions } from './write';
