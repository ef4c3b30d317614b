/** A problem with the training or scoring data or the model, naming the field (never a value). */
export type PropensityErrorCode =
	| 'empty-input'
	| 'bad-target'
	| 'constant-target'
	| 'constant-column'
	| 'all-missing'
	| 'missing-feature'
	| 'bad-value'
	| 'bad-model'
	| 'unsupported-version'
	| 'bad-option';

export class PropensityError extends Error {
	constructor(
		readonly code: PropensityErrorCode,
		message: string,
		readonly field?: string,
		readonly row?: number,
	) {
		super(message);
		this.name = 'PropensityError';
	}
}
