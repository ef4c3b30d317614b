// Masks that keep an identifier recognisable to a person but useless for contacting anyone.

/** a***@e***.com: enough for a person to recognise, not enough to contact. */
export function maskEmail(email: string): string {
	const at = email.lastIndexOf('@');
	if (at < 1) return '***';
	const domain = email.slice(at + 1);
	const dot = domain.lastIndexOf('.');
	const tld = dot > 0 ? domain.slice(dot) : '';
	return `${email[0]}***@${domain[0] ?? ''}***${tld}`;
}

/** +44*******89: country prefix and the last two digits. */
export function maskPhone(phone: string): string {
	if (phone.length <= 4) return '***';
	return `${phone.slice(0, 3)}${'*'.repeat(Math.max(3, phone.length - 5))}${phone.slice(-2)}`;
}

export function maskId(id: string): string {
	return id.length <= 4 ? '***' : `${id.slice(0, 3)}***${id.slice(-2)}`;
}
