// A second household-labelled CRM/ESP/web/orders generator for eval:identity, written apart from
// households-data.ts and in the manner of a Python Faker script: names drawn from weighted
// Faker-like tables, emails from Faker's user-name patterns over three free domains and the
// example.com/org/net "safe" domains (so different people get the same address more and more
// often as the population grows: jsmith@gmail.com is many people at 20,000), Faker street
// addresses ("48213 Jennifer Crossing Apt. 301"), Faker phone formats with extensions, birth dates
// written by whatever strftime each export used. About one person in ten lives with a relative at
// the same address (a partner, a grown child or a parent), who often share a landline and
// sometimes a family mailbox. Noise: nicknames, typos, case, missing fields, billing names with
// Faker's prefixes and suffixes, people who moved. Every record carries its person and household.
import { seededRandom, type IdentityInput } from '../lib/identity';

export interface FakerHouseholdData {
	records: IdentityInput[];
	person: string[];
	household: string[];
}

// Ordered roughly by frequency (the draw below favours the head of each list, as Faker's weighted
// en_US tables do).
const MALE_FIRST =
	'james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle noah ethan jeremy walter christian keith roger terry austin sean gerald carl harold dylan arthur lawrence jordan jesse bryan billy bruce gabriel joe logan alan juan albert willie elijah wayne randy vincent mason roy ralph bobby russell bradley philip eugene louis harry johnny howard martin shawn travis cody chad todd micheal luis curtis lee derek corey danny marcus jeffery tony alex mitchell erik troy victor manuel stanley leonard dale francis carlos shane brett jimmy allen evan luke ricky chris casey dustin jared isaac antonio jesus jay craig darren cameron spencer brent colin miguel ian hunter caleb connor trevor omar ruben dwayne glenn marvin javier calvin edwin alfred clifford gordon barry bernard leroy mario ricardo duane herbert warren jorge angel tommy maurice rodney hector andre darrell lance seth julian garrett wesley fernando clarence reginald kurt nathaniel rafael gilbert roberto jamie max'.split(' ');
const FEMALE_FIRST =
	'mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice jean abigail alice judy sophia grace denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany charlotte marie kayla alexis lori tiffany tammy crystal erin alyssa april monica wendy stacy tracy leslie vanessa jill holly dawn kristen shannon valerie brooke paula courtney tina sherry allison melanie kristin erica caitlin tara jenna kristina sheila jasmine meghan chelsea colleen whitney robin rhonda erika gina lindsey jamie yolanda carrie kathy peggy tamara connie veronica anne joanne sylvia lydia bonnie felicia lucy marissa morgan krystal sabrina stacey vickie tonya jodi ellen audrey jane jo kara ruby katie caroline casey mackenzie bridget brianna maureen gail renee lynn darlene desiree haley alicia autumn mallory kelsey savannah taylor destiny misty toni cassandra bethany miranda kendra'.split(' ');
const SURNAME =
	'smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson white harris sanchez clark ramirez lewis robinson walker young allen king wright scott torres nguyen hill flores green adams nelson baker hall rivera campbell mitchell carter roberts gomez phillips evans turner diaz parker cruz edwards collins reyes stewart morris morales murphy cook rogers gutierrez ortiz morgan cooper peterson bailey reed kelly howard ramos kim cox ward richardson watson brooks chavez wood james bennett gray mendoza ruiz hughes price alvarez castillo sanders patel myers long ross foster jimenez powell jenkins perry russell sullivan bell coleman butler henderson barnes gonzales fisher vasquez simmons romero jordan patterson alexander hamilton graham reynolds griffin wallace moreno west cole hayes bryant herrera gibson ellis tran medina aguilar stevens murray ford castro marshall owens harrison fernandez mcdonald woods washington kennedy wells vargas henry chen freeman webb tucker guzman burns crawford olson simpson porter hunter gordon mendez silva shaw snyder mason dixon munoz hunt hicks holmes palmer wagner black robertson boyd rose stone salazar fox warren mills meyer rice schmidt garza daniels ferguson nichols stephens soto weaver ryan gardner payne grant dunn kelley spencer hawkins arnold pierce vazquez hansen peters santos hart bradley knight elliott cunningham duncan armstrong hudson carroll lane riley andrews alvarado ray delgado berry perkins hoffman johnston matthews pena richards contreras willis carpenter lawrence sandoval guerrero george chapman rios estrada ortega watkins greene nunez wheeler valdez harper burke larson santiago maldonado morrison franklin carlson austin dominguez carr lawson jacobs obrien lynch singh vega bishop montgomery oliver jensen harvey williamson gilbert dean sims espinoza howell li wong reid hanson le mccoy garrett burton fuller wang weber welch rojas lucas marquez fields park yang little banks padilla day walsh bowman schultz luna fowler mejia davidson acosta brewer may holland juarez newman pearson curtis cortez douglas schneider joseph barrett navarro figueroa keller avila wade molina stanley hopkins campos barnett bates chambers caldwell beck lambert miranda byrd craig ayala lowe frazier powers neal leonard gregory carrillo sutton fleming rhodes shelton schwartz norris jennings watts duran walters cohen mcdaniel moran parks steele vaughn becker holt deleon barker terry hale leon hail benson haynes horton miles lyons pham graves bush thornton wolfe warner cabrera mckinney mann zimmerman dawson lara fletcher page mccarthy love robles cervantes solis erickson reeves chang klein salinas fuentes baldwin daniel simon velasquez hardy higgins aguirre lin cummings chandler sharp barber bowen ochoa dennis robbins liu ramsey francis griffith paul blair oconnor cardenas pacheco cross calderon quinn moss swanson chan rivas khan rodgers serrano fitzgerald rosales stevenson christensen manning gill curry mclaughlin harmon mcgee gross doyle garner newton burgess reese walton blake trujillo adkins brady goodman roman webster goodwin fischer huang potter delacruz montoya todd wu hines mullins castaneda malone cannon tate mack sherman hubbard hodges zhang guerra wolf valencia saunders franco rowe gallagher farmer hammond hampton townsend ingram wise gallegos clarke barton schroeder maxwell waters logan camacho strickland norman person colon parsons frank harrington glover osborne buchanan casey floyd patton ibarra ball tyler suarez bowers orozco salas cobb gibbs andrade bauer conner moody escobar mcguire lloyd mueller hartman french kramer mcbride pope lindsey velazquez norton mccormick sparks flynn yates hogan marsh macias villanueva zamora pratt stokes owen ballard lang brock villarreal charles drake barrera cain patrick pineda burnett mercado santana shepherd bautista ali shaffer lamb trevino mckenzie hess beil olsen cochran morton nash wilkins petersen briggs shah roth nicholson holloway lozano flowers hoover short arias mora valenzuela bryan meyers weiss underwood bass greer summers houston carson morrow clayton whitaker decker yoder collier zuniga carey wilcox melendez poole roberson larsen conley davenport copeland massey lam huff rocha cameron jefferson hood monroe anthony pittman huynh randall singleton kirk combs mathis christian skinner bradford richard galvan wall boone kirby wilkinson bridges bruce atkinson velez meza roy vincent york hodge villa abbott allison tapia gates chase sosa sweeney farrell wyatt dalton horn barron phelps yu dickerson heath foley atkins mathews bonilla acevedo benitez zavala hensley glenn cisneros harrell shields rubio choi huffman boyer garrison arroyo bond kane hancock callahan dillon cline wiggins grimes arellano melton oneill savage ho beltran pitts parrish ponce rich booth koch golden ware brennan mcdowell marks cantu humphrey baxter sawyer clay tanner hutchinson kaur berg wiley gilmore russo villegas hobbs keith wilkerson ahmed beard mcclain montes mata rosario vang walter henson oneal mosley mcclure beasley stephenson snow huerta preston vance barry johns eaton blackwell dyer prince macdonald solomon guevara stafford english hurst woodard cortes shannon kemp nolan mccullough merritt murillo moon salgado strong kline cordova barajas roach rosas winters jacobson lester knox bullock kerr leach meadows orr davila whitehead pruitt kent conway mckee barr david dejesus marin berger mcintyre blankenship gaines palacios cuevas bartlett durham dorsey mccall odonnell stein browning stout lowery sloan mclean hendricks calhoun sexton chung gentry hull duarte ellison nielsen gillespie buck middleton sellers leblanc esparza hardin bradshaw mcintosh howe livingston frost glass morse knapp herman stark bravo noble spears weeks corona frederick buckley mcfarland hebert enriquez hickman quintero randolph schaefer walls trejo house reilly pennington michael conrad giles benjamin crosby fitzpatrick donovan mays mahoney valentine raymond medrano hahn mcmillan small bentley felix peck lucero boyle hanna pace rush hurley harding mcconnell bernal nava ayers everett ventura avery pugh mayer bender shepard mcmahon landry case sampson moses magana blackburn dunlap gould duffy vaughan herring mckay espinosa rivers farley bernard ashley friedman potts truong costa correa blevins nixon clements fry delarosa best benton lugo portillo dougherty crane haley phan villalobos blanchard horne finley quintana lynn esquivel bean dodson mullen xiong hayden cano levy huber richmond moyer lim frye sheppard mccarty avalos booker waller parra woodward jaramillo krueger rasmussen brandt peralta donaldson stuart faulkner maynard galindo coffey estes sanford burch maddox vo oconnell vu andersen spence mcpherson church schmitt stanton leal cherry compton dudley sierra pollard alfaro hester proctor lu hinton novak good madden mccann terrell jarvis dickson reyna cantrell mayo branch hendrix rollins rowland whitney duke odom daugherty travis tang archer'.split(
		' ',
	);
// Faker's en_US street suffixes (a subset), full words as Faker writes them, with the USPS
// abbreviation an order system's address validation writes instead.
const STREET_SUFFIX: Array<[string, string]> = [
	['Street', 'St'], ['Avenue', 'Ave'], ['Road', 'Rd'], ['Drive', 'Dr'], ['Lane', 'Ln'], ['Court', 'Ct'], ['Place', 'Pl'],
	['Boulevard', 'Blvd'], ['Way', 'Way'], ['Circle', 'Cir'], ['Trail', 'Trl'], ['Parkway', 'Pkwy'], ['Terrace', 'Ter'], ['Square', 'Sq'],
	['Crossing', 'Xing'], ['Extension', 'Ext'], ['Fork', 'Frk'], ['Forks', 'Frks'], ['Gardens', 'Gdns'], ['Glen', 'Gln'], ['Green', 'Grn'],
	['Grove', 'Grv'], ['Harbor', 'Hbr'], ['Haven', 'Hvn'], ['Heights', 'Hts'], ['Highway', 'Hwy'], ['Hill', 'Hl'], ['Hills', 'Hls'],
	['Hollow', 'Holw'], ['Island', 'Is'], ['Junction', 'Jct'], ['Key', 'Ky'], ['Knoll', 'Knl'], ['Lake', 'Lk'], ['Landing', 'Lndg'],
	['Light', 'Lgt'], ['Lodge', 'Ldg'], ['Manor', 'Mnr'], ['Meadow', 'Mdw'], ['Mill', 'Ml'], ['Mission', 'Msn'], ['Motorway', 'Mtwy'],
	['Mount', 'Mt'], ['Mountain', 'Mtn'], ['Neck', 'Nck'], ['Orchard', 'Orch'], ['Oval', 'Oval'], ['Park', 'Park'], ['Pass', 'Pass'],
	['Path', 'Path'], ['Pike', 'Pike'], ['Pine', 'Pne'], ['Plains', 'Plns'], ['Plaza', 'Plz'], ['Point', 'Pt'], ['Port', 'Prt'],
	['Prairie', 'Pr'], ['Ranch', 'Rnch'], ['Ridge', 'Rdg'], ['River', 'Riv'], ['Shoals', 'Shls'], ['Shore', 'Shr'], ['Spring', 'Spg'],
	['Springs', 'Spgs'], ['Station', 'Sta'], ['Stream', 'Strm'], ['Summit', 'Smt'], ['Tunnel', 'Tunl'], ['Union', 'Un'], ['Valley', 'Vly'],
	['Via', 'Via'], ['View', 'Vw'], ['Village', 'Vlg'], ['Ville', 'Vl'], ['Vista', 'Vis'], ['Walk', 'Walk'], ['Wall', 'Wall'], ['Wells', 'Wls'],
];
const CITY_PREFIX = ['North', 'East', 'West', 'South', 'New', 'Lake', 'Port'];
const CITY_SUFFIX = ['town', 'ton', 'land', 'ville', 'berg', 'burgh', 'borough', 'bury', 'view', 'port', 'mouth', 'stad', 'furt', 'chester', 'fort', 'haven', 'side', 'shire'];
const STATES = 'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(' ');
// Faker's free_email_domain for en_US, then its safe_domain_name; gmail is the most common draw.
const FREE_DOMAIN = ['gmail.com', 'gmail.com', 'yahoo.com', 'hotmail.com'];
const SAFE_DOMAIN = ['example.com', 'example.org', 'example.net'];
const PREFIX_M = ['Mr.', 'Dr.'];
const PREFIX_F = ['Mrs.', 'Ms.', 'Miss', 'Dr.'];
// fake.name() appends one of these now and then, whoever the person is.
const NAME_SUFFIX = ['MD', 'DDS', 'PhD', 'DVM', 'Jr.', 'II', 'III', 'IV', 'V', 'Sr.'];
const NICKNAMES: Record<string, string[]> = {
	james: ['jim', 'jimmy', 'jamie'], john: ['jack', 'johnny'], robert: ['bob', 'rob', 'bobby', 'robbie'], michael: ['mike', 'mikey'],
	william: ['bill', 'will', 'billy', 'liam'], david: ['dave', 'davey'], richard: ['rick', 'dick', 'rich'], joseph: ['joe', 'joey'],
	thomas: ['tom', 'tommy'], charles: ['charlie', 'chuck'], christopher: ['chris', 'kit'], daniel: ['dan', 'danny'], matthew: ['matt'],
	anthony: ['tony'], donald: ['don'], steven: ['steve'], andrew: ['andy', 'drew'], joshua: ['josh'], kenneth: ['ken', 'kenny'],
	timothy: ['tim'], ronald: ['ron', 'ronnie'], edward: ['ed', 'ted', 'eddie'], jeffrey: ['jeff'], nicholas: ['nick'], jonathan: ['jon'],
	benjamin: ['ben'], samuel: ['sam'], gregory: ['greg'], alexander: ['alex'], patrick: ['pat'], raymond: ['ray'], gerald: ['jerry'],
	lawrence: ['larry'], zachary: ['zach'], elizabeth: ['liz', 'beth', 'betsy', 'lizzie'], patricia: ['pat', 'patty', 'trish'],
	jennifer: ['jen', 'jenny'], margaret: ['maggie', 'peggy', 'meg'], susan: ['sue', 'susie'], jessica: ['jess'], kimberly: ['kim'],
	deborah: ['deb', 'debbie'], rebecca: ['becky'], katherine: ['kate', 'kathy', 'katie'], catherine: ['cathy', 'cat'], christine: ['chris'],
	pamela: ['pam'], cynthia: ['cindy'], stephanie: ['steph'], victoria: ['vicky', 'tori'], abigail: ['abby'], samantha: ['sam'],
	kathleen: ['kathy'], dorothy: ['dot', 'dottie'], judith: ['judy'], frances: ['fran'], theresa: ['terri'], alexandra: ['alex'],
};

interface Place {
	building: string;
	street: string;
	suffix: [string, string];
	/** 'Apt. 301', 'Suite 200' or ''. */
	secondary: string;
	city: string;
	state: string;
	zip: string;
}

interface Profile {
	id: string;
	household: string;
	first: string;
	last: string;
	male: boolean;
	/** ISO date. */
	born: string;
	email: string;
	/** A second mailbox some sources have (an old provider, a sign-up alias). */
	otherEmail: string;
	/** A shared family mailbox ('' none). */
	familyEmail: string;
	cell: string;
	/** A shared home landline ('' none). */
	landline: string;
	home: Place;
	/** Where the person lived before moving (some older records still say so). */
	previous?: Place;
}

class FakerLike {
	readonly random: () => number;
	constructor(seed: number) {
		this.random = seededRandom(seed);
	}
	chance(p: number): boolean {
		return this.random() < p;
	}
	int(lo: number, hi: number): number {
		return lo + Math.floor(this.random() * (hi - lo + 1));
	}
	element<T>(list: readonly T[]): T {
		return list[Math.floor(this.random() * list.length)];
	}
	/** A frequency-weighted draw: the head of the list far more often than its tail. */
	weighted<T>(list: readonly T[], skew: number): T {
		return list[Math.floor(Math.pow(this.random(), skew) * list.length)];
	}
	/** Faker's numerify: '#' any digit, '$' 2-9, '?' a letter. */
	numerify(pattern: string): string {
		let out = '';
		for (const c of pattern) out += c === '#' ? String(this.int(0, 9)) : c === '$' ? String(this.int(2, 9)) : c === '?' ? String.fromCharCode(97 + this.int(0, 25)) : c;
		return out;
	}
	firstName(male: boolean): string {
		return this.weighted(male ? MALE_FIRST : FEMALE_FIRST, 3);
	}
	lastName(): string {
		return this.weighted(SURNAME, 3.5);
	}
	/** Faker's user_name formats, over the given name or, as fake.email() does, someone else's. */
	userName(first: string, last: string): string {
		const r = this.random();
		if (r < 0.25) return `${last}.${first}`;
		if (r < 0.5) return `${first}.${last}`;
		if (r < 0.75) return `${first}${this.numerify('##')}`;
		return `${this.numerify('?')}${last}`;
	}
	email(first: string, last: string): string {
		const r = this.random();
		// A script that builds the address from the person's name, or fake.email() on a name of its own.
		const own = r < 0.7;
		const f = own ? first : this.firstName(this.chance(0.5));
		const l = own ? last : this.lastName();
		const local = own && this.chance(0.5) ? `${f[0]}${l}` : this.userName(f, l);
		return `${local}@${this.chance(0.6) ? this.element(FREE_DOMAIN) : this.element(SAFE_DOMAIN)}`;
	}
	/** fake.phone_number() digits: area code and exchange '$##' (not every one is in service). */
	phoneDigits(): string {
		return this.numerify('$##$######');
	}
	place(): Place {
		const name = this.chance(0.5) ? this.firstName(this.chance(0.5)) : this.lastName();
		const city = this.random();
		const cityName =
			city < 0.35
				? `${this.element(CITY_PREFIX)} ${cap(this.firstName(this.chance(0.5)))}${this.element(CITY_SUFFIX)}`
				: city < 0.7
					? `${cap(this.firstName(this.chance(0.5)))}${this.element(CITY_SUFFIX)}`
					: `${cap(this.lastName())}${this.element(CITY_SUFFIX)}`;
		const s = this.random();
		return {
			building: this.numerify(this.element(['#####', '####', '###'])).replace(/^0+/, '') || '1',
			street: cap(name),
			suffix: this.element(STREET_SUFFIX),
			secondary: s < 0.18 ? `Apt. ${this.numerify('###')}` : s < 0.28 ? `Suite ${this.numerify('###')}` : '',
			city: cityName,
			state: this.element(STATES),
			zip: this.numerify('#####'),
		};
	}
	date(fromYear: number, toYear: number): string {
		const y = this.int(fromYear, toYear);
		const m = this.int(1, 12);
		const d = this.int(1, m === 2 ? 28 : [4, 6, 9, 11].includes(m) ? 30 : 31);
		return `${y}-${pad(m)}-${pad(d)}`;
	}
}

const pad = (n: number): string => String(n).padStart(2, '0');
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function householdFakerData(people: number, seed = 2024): FakerHouseholdData {
	const fake = new FakerLike(seed);
	const profiles: Profile[] = [];
	const makeProfile = (household: string, first: string, last: string, male: boolean, born: string, home: Place): Profile => ({
		id: `P${String(profiles.length).padStart(6, '0')}`,
		household,
		first,
		last,
		male,
		born,
		email: fake.email(first, last),
		otherEmail: fake.chance(0.6) ? fake.email(first, last) : '',
		familyEmail: '',
		cell: fake.phoneDigits(),
		landline: '',
		home,
		previous: fake.chance(0.1) ? fake.place() : undefined,
	});

	// Households: most people live alone (as far as the data knows); about one person in ten lives
	// with a relative at the same address.
	let h = 0;
	while (profiles.length < people) {
		const household = `H${String(h++).padStart(6, '0')}`;
		const home = fake.place();
		const male = fake.chance(0.49);
		const last = fake.lastName();
		const head = makeProfile(household, fake.firstName(male), last, male, fake.date(1945, 2003), home);
		profiles.push(head);
		if (!fake.chance(0.055)) continue;
		const members = [head];
		const extra = fake.chance(0.15) ? 2 : 1;
		const headYear = Number(head.born.slice(0, 4));
		for (let k = 0; k < extra && profiles.length < people; k++) {
			let rel: Profile;
			if (k === 0 && fake.chance(0.7)) {
				// A partner: usually the other sex and the same surname, born within a few years.
				const relMale = fake.chance(0.9) ? !male : male;
				let first = fake.firstName(relMale);
				while (first === head.first) first = fake.firstName(relMale);
				rel = makeProfile(household, first, fake.chance(0.75) ? last : fake.lastName(), relMale, fake.date(headYear - 5, Math.min(headYear + 5, 2004)), home);
			} else {
				// A grown child or an elderly parent, same surname; a son now and then named after his father.
				const relMale = fake.chance(0.5);
				const first = relMale && male && fake.chance(0.12) ? head.first : fake.firstName(relMale);
				const born = fake.chance(0.6) && headYear <= 1980 ? fake.date(headYear + 20, Math.min(headYear + 35, 2005)) : fake.date(Math.max(headYear - 35, 1925), headYear - 20);
				rel = makeProfile(household, first, last, relMale, born, home);
			}
			rel.previous = head.previous && fake.chance(0.6) ? head.previous : rel.previous;
			members.push(rel);
			profiles.push(rel);
		}
		if (fake.chance(0.6)) {
			const line = fake.phoneDigits();
			for (const m of members) m.landline = line;
		}
		if (fake.chance(0.45)) {
			const family = fake.chance(0.5) ? head.email : `${fake.element(['the', '', 'team', ''])}${last}${fake.element(['s', 'family', 'fam', fake.numerify('##')])}@${fake.element(FREE_DOMAIN)}`;
			for (const m of members) m.familyEmail = family;
		}
	}

	// ---- how each export writes a field --------------------------------------------------------
	const typo = (s: string): string => {
		if (s.length < 4) return s;
		const at = fake.int(1, s.length - 2);
		const r = fake.random();
		if (r < 0.3) return s.slice(0, at) + s.slice(at + 1);
		if (r < 0.55) return s.slice(0, at) + s[at + 1] + s[at] + s.slice(at + 2);
		if (r < 0.8) return s.slice(0, at) + fake.element('aeiounrstl'.split('')) + s.slice(at + 1);
		return s.slice(0, at) + s[at] + s.slice(at);
	};
	const cased = (s: string): string => {
		const r = fake.random();
		return r < 0.6 ? s.split(/([ -])/).map(cap).join('') : r < 0.8 ? s.toUpperCase() : s.toLowerCase();
	};
	const given = (p: Profile, nickRate: number): string => {
		const nicks = NICKNAMES[p.first];
		if (nicks && fake.chance(nickRate)) return cased(fake.element(nicks));
		return cased(fake.chance(0.05) ? typo(p.first) : p.first);
	};
	const family = (p: Profile): string => {
		let s = fake.chance(0.04) ? typo(p.last) : p.last;
		if (s.startsWith('mc') && fake.chance(0.5)) s = `Mc${cap(s.slice(2))}`;
		return fake.chance(0.5) ? cap(s) : cased(s);
	};
	const mailbox = (p: Profile): string => {
		const r = fake.random();
		let e = p.familyEmail && r < 0.5 ? p.familyEmail : p.otherEmail && r < 0.7 ? p.otherEmail : p.email;
		if (fake.chance(0.05)) e = typo(e);
		const c = fake.random();
		return c < 0.12 ? e.toUpperCase() : c < 0.25 ? cap(e) : c < 0.3 ? ` ${e} ` : e;
	};
	const phone = (digits: string): string => {
		const a = digits.slice(0, 3);
		const b = digits.slice(3, 6);
		const c = digits.slice(6);
		const ext = (): string => `x${fake.numerify(fake.element(['###', '####', '#####']))}`;
		switch (fake.int(0, 9)) {
			case 0: return `${a}-${b}-${c}`;
			case 1: return `(${a})${b}-${c}`;
			case 2: return `${a}.${b}.${c}`;
			case 3: return `+1-${a}-${b}-${c}`;
			case 4: return `001-${a}-${b}-${c}`;
			case 5: return `${a}-${b}-${c}${ext()}`;
			case 6: return `(${a})${b}-${c}${ext()}`;
			case 7: return `+1-${a}-${b}-${c}${ext()}`;
			case 8: return `${a}.${b}.${c}${ext()}`;
			default: return `${a}${b}${c}`;
		}
	};
	const phoneOf = (p: Profile): string => {
		const d = p.landline && fake.chance(0.5) ? p.landline : p.cell;
		return phone(fake.chance(0.02) ? typo(d) : d);
	};
	// Each export's strftime, chosen once per export (CRM users typed some by hand).
	const dobText = (iso: string): string => {
		const [y, m, d] = iso.split('-');
		let mm = Number(m);
		let dd = Number(d);
		if (fake.chance(0.02) && dd <= 12) [mm, dd] = [dd, mm];
		switch (fake.int(0, 6)) {
			case 0: return `${y}-${pad(mm)}-${pad(dd)}`;
			case 1: return `${pad(mm)}/${pad(dd)}/${y}`;
			case 2: return `${mm}/${dd}/${y}`;
			case 3: return `${y}-${pad(mm)}-${pad(dd)} 00:00:00`;
			case 4: return `${MONTHS[mm - 1]} ${dd}, ${y}`;
			case 5: return `${dd}-${MONTHS[mm - 1]}-${y}`;
			default: return `${y}/${pad(mm)}/${pad(dd)}`;
		}
	};
	const streetLine = (a: Place, abbreviate: boolean): string => {
		const suffix = abbreviate ? a.suffix[1] : a.suffix[0];
		let unit = a.secondary;
		if (unit && abbreviate) unit = unit.replace('Apt. ', fake.element(['Apt ', '#', 'Unit ', 'APT '])).replace('Suite ', fake.element(['Ste ', 'Suite ', '#']));
		const line = `${a.building} ${a.street} ${suffix}${unit ? ` ${unit}` : ''}`;
		return abbreviate && fake.chance(0.4) ? line.toUpperCase() : line;
	};
	const placeOf = (p: Profile): Place => (p.previous && fake.chance(0.45) ? p.previous : p.home);
	const billingName = (p: Profile): string => {
		const first = given(p, 0.15);
		const last = family(p);
		const r = fake.random();
		if (r < 0.03) return `${fake.element(p.male ? PREFIX_M : PREFIX_F)} ${first} ${last}`;
		if (r < 0.05) return `${first} ${last} ${fake.element(NAME_SUFFIX)}`;
		if (r < 0.12) return `${last.toUpperCase()}, ${first.toUpperCase()}`;
		if (r < 0.2) return `${first} ${fake.numerify('?').toUpperCase()}. ${last}`;
		return `${first} ${last}`;
	};

	// ---- the four exports, each a file of its own, concatenated --------------------------------
	const records: IdentityInput[] = [];
	const person: string[] = [];
	const household: string[] = [];
	const emit = (p: Profile, r: IdentityInput): void => {
		r.updatedAt = new Date(Date.UTC(2022, 0, 1) + fake.int(0, 1000) * 86_400_000).toISOString();
		records.push(r);
		person.push(p.id);
		household.push(p.household);
	};
	let crmId = 0;
	let espId = 0;
	let webId = 0;
	let orderId = 0;
	for (const p of profiles) {
		if (!fake.chance(0.6)) continue;
		const a = placeOf(p);
		const r: IdentityInput = { key: `crm:${String(++crmId).padStart(7, '0')}`, source: 'crm', firstName: given(p, 0.2), lastName: family(p) };
		if (fake.chance(0.7)) r.email = mailbox(p);
		if (fake.chance(0.7)) r.phone = phoneOf(p);
		if (fake.chance(0.6)) r.dob = dobText(p.born);
		if (fake.chance(0.9)) r.street = streetLine(a, false);
		if (fake.chance(0.9)) r.city = a.city;
		r.state = a.state;
		if (fake.chance(0.85)) r.postcode = a.zip;
		emit(p, r);
	}
	for (const p of profiles) {
		// The ESP list: one row per subscribed address; some people subscribed twice.
		const rows = fake.chance(0.6) ? (fake.chance(0.12) ? 2 : 1) : 0;
		for (let k = 0; k < rows; k++) {
			const r: IdentityInput = { key: `esp:${String(++espId).padStart(7, '0')}`, source: 'esp', email: mailbox(p) };
			if (fake.chance(0.65)) r.firstName = given(p, 0.3);
			emit(p, r);
		}
	}
	for (const p of profiles) {
		if (!fake.chance(0.3)) continue;
		const r: IdentityInput = { key: `web:${String(++webId).padStart(7, '0')}`, source: 'web', email: mailbox(p) };
		if (fake.chance(0.85)) r.firstName = given(p, 0.3);
		if (fake.chance(0.75)) r.lastName = family(p);
		if (fake.chance(0.45)) r.phone = phoneOf(p);
		emit(p, r);
	}
	for (const p of profiles) {
		const r0 = fake.random();
		const orders = r0 < 0.5 ? 0 : r0 < 0.8 ? 1 : r0 < 0.93 ? 2 : 3;
		for (let k = 0; k < orders; k++) {
			const a = placeOf(p);
			const r: IdentityInput = {
				key: `ord:${String(++orderId).padStart(7, '0')}`,
				source: 'orders',
				fullName: billingName(p),
				email: mailbox(p),
				street: streetLine(a, true),
				city: fake.chance(0.3) ? a.city.toUpperCase() : a.city,
				state: a.state,
				postcode: fake.chance(0.2) ? `${a.zip}-${fake.numerify('####')}` : a.zip,
			};
			if (fake.chance(0.5)) r.phone = phoneOf(p);
			emit(p, r);
		}
	}
	// A person the draws left with no record at all gets one ESP row (everyone in the truth appears).
	const seen = new Set(person);
	for (const p of profiles) {
		if (seen.has(p.id)) continue;
		emit(p, { key: `esp:${String(++espId).padStart(7, '0')}`, source: 'esp', email: mailbox(p), firstName: given(p, 0.3) });
	}
	return { records, person, household };
}
