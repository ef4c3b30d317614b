// Household-labelled multi-source customer data for eval:identity: CRM, ESP, web sign-ups and orders
// for N people, about one in ten living with a relative at the same address (a spouse, a parent
// or a grown child), who often share a landline and sometimes a family mailbox; coworkers who
// order through a role mailbox; two different people the generator gives the same email (the
// "jsmith@" collision); nicknames, typos, case, missing fields and a share of people who moved.
// Every record carries its person and its household; a person living alone is their own household.
import { seededRandom, type IdentityInput } from '../lib/identity';

export interface HouseholdData {
	records: IdentityInput[];
	person: string[];
	household: string[];
}

const MALE = ['james', 'robert', 'john', 'michael', 'david', 'william', 'richard', 'joseph', 'thomas', 'christopher', 'charles', 'daniel', 'matthew', 'anthony', 'mark', 'donald', 'steven', 'paul', 'andrew', 'joshua', 'kenneth', 'kevin', 'brian', 'george', 'timothy', 'ronald', 'edward', 'jason', 'jeffrey', 'ryan', 'jacob', 'gary', 'nicholas', 'eric', 'jonathan', 'stephen', 'larry', 'justin', 'scott', 'brandon', 'benjamin', 'samuel', 'gregory', 'alexander', 'frank', 'patrick', 'raymond', 'jack', 'dennis', 'jerry', 'tyler', 'aaron', 'jose', 'adam', 'nathan', 'henry', 'douglas', 'zachary', 'peter', 'kyle', 'noah', 'ethan', 'jeremy', 'walter', 'christian', 'keith', 'roger', 'terry', 'austin', 'sean', 'gerald', 'carl', 'harold', 'dylan', 'arthur', 'lawrence', 'jordan', 'jesse', 'bryan', 'billy', 'bruce', 'gabriel', 'joe', 'logan', 'alan', 'juan', 'albert', 'willie', 'elijah', 'wayne', 'randy', 'vincent', 'mason', 'roy', 'ralph', 'bobby', 'russell', 'bradley', 'philip', 'eugene'];
const FEMALE = ['mary', 'patricia', 'jennifer', 'linda', 'elizabeth', 'barbara', 'susan', 'jessica', 'sarah', 'karen', 'lisa', 'nancy', 'betty', 'sandra', 'margaret', 'ashley', 'kimberly', 'emily', 'donna', 'michelle', 'carol', 'amanda', 'melissa', 'deborah', 'stephanie', 'dorothy', 'rebecca', 'sharon', 'laura', 'cynthia', 'amy', 'kathleen', 'angela', 'shirley', 'brenda', 'emma', 'anna', 'pamela', 'nicole', 'samantha', 'katherine', 'christine', 'helen', 'debra', 'rachel', 'carolyn', 'janet', 'maria', 'catherine', 'heather', 'diane', 'olivia', 'julie', 'joyce', 'victoria', 'ruth', 'virginia', 'lauren', 'kelly', 'christina', 'joan', 'evelyn', 'judith', 'andrea', 'hannah', 'megan', 'cheryl', 'jacqueline', 'martha', 'madison', 'teresa', 'gloria', 'sara', 'janice', 'ann', 'kathryn', 'abigail', 'sophia', 'frances', 'jean', 'alice', 'judy', 'isabella', 'julia', 'grace', 'amber', 'denise', 'danielle', 'marilyn', 'beverly', 'charlotte', 'natalie', 'theresa', 'diana', 'brittany', 'doris', 'kayla', 'alexis', 'lori', 'chloe'];
const SURNAMES = ['smith', 'johnson', 'williams', 'brown', 'jones', 'garcia', 'miller', 'davis', 'rodriguez', 'martinez', 'hernandez', 'lopez', 'gonzalez', 'wilson', 'anderson', 'thomas', 'taylor', 'moore', 'jackson', 'martin', 'lee', 'perez', 'thompson', 'white', 'harris', 'sanchez', 'clark', 'ramirez', 'lewis', 'robinson', 'walker', 'young', 'allen', 'king', 'wright', 'scott', 'torres', 'nguyen', 'hill', 'flores', 'green', 'adams', 'nelson', 'baker', 'hall', 'rivera', 'campbell', 'mitchell', 'carter', 'roberts', 'gomez', 'phillips', 'evans', 'turner', 'diaz', 'parker', 'cruz', 'edwards', 'collins', 'reyes', 'stewart', 'morris', 'morales', 'murphy', 'cook', 'rogers', 'gutierrez', 'ortiz', 'morgan', 'cooper', 'peterson', 'bailey', 'reed', 'kelly', 'howard', 'ramos', 'kim', 'cox', 'ward', 'richardson', 'watson', 'brooks', 'chavez', 'wood', 'james', 'bennett', 'gray', 'mendoza', 'ruiz', 'hughes', 'price', 'alvarez', 'castillo', 'sanders', 'patel', 'myers', 'long', 'ross', 'foster', 'jimenez', 'powell', 'jenkins', 'perry', 'russell', 'sullivan', 'bell', 'coleman', 'butler', 'henderson', 'barnes', 'gonzales', 'fisher', 'vasquez', 'simmons', 'romero', 'jordan', 'patterson', 'alexander', 'hamilton', 'graham', 'reynolds', 'griffin', 'wallace', 'moreno', 'west', 'cole', 'hayes', 'bryant', 'herrera', 'gibson', 'ellis', 'tran', 'medina', 'aguilar', 'stevens', 'murray', 'ford', 'castro', 'marshall', 'owens', 'harrison', 'fernandez', 'mcdonald', 'woods', 'washington', 'kennedy', 'wells', 'vargas', 'henry', 'chen', 'freeman', 'webb', 'tucker', 'guzman', 'burns', 'crawford', 'olson', 'simpson', 'porter', 'hunter', 'gordon', 'mendez', 'silva', 'shaw', 'snyder', 'mason', 'dixon', 'munoz', 'hunt', 'hicks', 'holmes', 'palmer', 'wagner', 'black', 'robertson', 'boyd', 'rose', 'stone', 'salazar', 'fox', 'warren', 'mills', 'meyer', 'rice', 'schmidt', 'garza', 'daniels', 'ferguson', 'nichols', 'stephens', 'soto', 'weaver', 'ryan', 'gardner', 'payne', 'grant', 'dunn', 'kelley', 'spencer', 'hawkins', 'arnold', 'pierce', 'vazquez', 'hansen', 'peters', 'santos', 'hart', 'bradley', 'knight', 'elliott', 'cunningham', 'duncan', 'armstrong', 'hudson', 'carroll', 'lane', 'riley', 'andrews', 'alvarado', 'ray', 'delgado', 'berry', 'perkins', 'hoffman', 'johnston', 'matthews', 'pena', 'richards', 'contreras', 'willis', 'carpenter', 'lawrence', 'sandoval', 'guerrero', 'george', 'chapman', 'rios', 'estrada', 'ortega', 'watkins', 'greene', 'nunez', 'wheeler', 'valdez', 'harper', 'burke', 'larson', 'santiago', 'maldonado', 'morrison', 'franklin', 'carlson', 'austin', 'dominguez', 'carr', 'lawson', 'jacobs', 'obrien', 'lynch', 'singh', 'vega', 'bishop', 'montgomery', 'oliver', 'jensen', 'harvey', 'williamson', 'gilbert', 'dean', 'sims', 'espinoza', 'howell', 'li', 'wong', 'reid', 'hanson', 'le', 'mccoy', 'garrett', 'burton', 'fuller', 'wang', 'weber', 'welch', 'rojas', 'lucas', 'marquez', 'fields', 'park', 'yang', 'little', 'banks', 'padilla', 'day', 'walsh', 'bowman', 'schultz', 'luna', 'fowler', 'mejia', 'davidson', 'acosta', 'brewer', 'may', 'holland', 'juarez', 'newman', 'pearson', 'curtis', 'cortez', 'douglas', 'schneider', 'joseph', 'barrett', 'navarro', 'figueroa', 'keller', 'avila', 'wade', 'molina', 'stanley', 'hopkins', 'campos', 'barnett', 'bates', 'chambers', 'caldwell', 'beck', 'lambert', 'miranda', 'byrd', 'craig', 'ayala', 'lowe', 'frazier', 'powers', 'neal', 'leonard', 'gregory', 'carrillo', 'sutton', 'fleming', 'rhodes', 'shelton', 'schwartz', 'norris', 'jennings', 'watts', 'duran', 'walters', 'cohen', 'mcdaniel', 'moran', 'parks', 'steele', 'vaughn', 'becker', 'holt', 'deleon', 'barker', 'terry', 'hale', 'leon', 'hail', 'benson', 'haynes', 'horton', 'miles', 'lyons', 'pham', 'graves', 'bush', 'thornton', 'wolfe', 'warner', 'cabrera', 'mckinney', 'mann', 'zimmerman', 'dawson', 'lara', 'fletcher', 'page', 'mccarthy', 'love', 'robles', 'cervantes', 'solis', 'erickson', 'reeves', 'chang', 'klein', 'salinas', 'fuentes', 'baldwin', 'daniel', 'simon', 'velasquez', 'hardy', 'higgins', 'aguirre', 'lin', 'cummings', 'chandler', 'sharp', 'barber', 'bowen', 'ochoa', 'dennis', 'robbins', 'liu', 'ramsey', 'francis', 'griffith', 'paul', 'blair', 'oconnor', 'cardenas', 'pacheco', 'cross', 'calderon', 'quinn', 'moss', 'swanson', 'chan', 'rivas', 'khan', 'rodgers', 'serrano', 'fitzgerald', 'rosales', 'stevenson', 'christensen', 'manning', 'gill', 'curry', 'mclaughlin', 'harmon', 'mcgee', 'gross', 'doyle', 'garner', 'newton', 'burgess', 'reese', 'walton', 'blake', 'trujillo', 'adkins', 'brady', 'goodman', 'roman', 'webster', 'goodwin', 'fischer', 'huang', 'potter', 'delacruz', 'montoya', 'todd', 'wu', 'hines', 'mullins', 'castaneda', 'malone', 'cannon', 'tate', 'mack', 'sherman', 'hubbard', 'hodges', 'zhang', 'guerra', 'wolf', 'valencia', 'saunders', 'franco', 'rowe', 'gallagher', 'farmer', 'hammond', 'hampton', 'townsend', 'ingram', 'wise', 'gallegos', 'clarke', 'barton', 'schroeder', 'maxwell', 'waters', 'logan', 'camacho', 'strickland', 'norman', 'person', 'colon', 'parsons', 'frank', 'harrington', 'glover', 'osborne', 'buchanan', 'casey', 'floyd', 'patton', 'ibarra', 'ball', 'tyler', 'suarez', 'bowers', 'orozco', 'salas', 'cobb', 'gibbs', 'andrade', 'bauer', 'conner', 'moody', 'escobar', 'mcguire', 'lloyd', 'mueller', 'hartman', 'french', 'kramer', 'mcbride', 'pope', 'lindsey', 'velazquez', 'norton', 'mccormick', 'sparks', 'flynn', 'yates', 'hogan', 'marsh', 'macias', 'villanueva', 'zamora', 'pratt', 'stokes', 'owen', 'ballard', 'lang', 'brock', 'villarreal', 'charles', 'drake', 'barrera', 'cain', 'patrick', 'pineda', 'burnett', 'mercado', 'santana', 'shepherd', 'bautista', 'ali', 'shaffer', 'lamb', 'trevino', 'mckenzie', 'hess', 'beil', 'olsen', 'cochran', 'morton', 'nash', 'wilkins', 'petersen', 'briggs', 'shah', 'roth', 'nicholson', 'holloway', 'lozano', 'rangel', 'flowers', 'hoover', 'short', 'arias', 'mora', 'valenzuela', 'bryan', 'meyers', 'weiss', 'underwood', 'bass', 'greer', 'summers', 'houston', 'carson', 'morrow', 'clayton', 'whitaker', 'decker', 'yoder', 'collier', 'zuniga', 'carey', 'wilcox', 'melendez', 'poole', 'roberson', 'larsen', 'conley', 'davenport', 'copeland', 'massey', 'lam', 'huff', 'rocha', 'cameron', 'jefferson', 'hood', 'monroe', 'anthony', 'pittman', 'huynh', 'randall', 'singleton', 'kirk', 'combs', 'mathis', 'christian', 'skinner', 'bradford', 'richard', 'galvan', 'wall', 'boone', 'kirby', 'wilkinson', 'bridges', 'bruce', 'atkinson', 'velez', 'meza', 'roy', 'vincent', 'york', 'hodge', 'villa', 'abbott', 'allison', 'tapia', 'gates', 'chase', 'sosa', 'sweeney', 'farrell', 'wyatt', 'dalton', 'horn', 'barron', 'phelps', 'yu', 'dickerson', 'heath', 'foley', 'atkins', 'mathews', 'bonilla', 'acevedo', 'benitez', 'zavala', 'hensley', 'glenn', 'cisneros', 'harrell', 'shields', 'rubio', 'choi', 'huffman', 'boyer', 'garrison', 'arroyo', 'bond', 'kane', 'hancock', 'callahan', 'dillon', 'cline', 'wiggins', 'grimes', 'arellano', 'melton', 'oneill', 'savage', 'ho', 'beltran', 'pitts', 'parrish', 'ponce', 'rich', 'booth', 'koch', 'golden', 'ware', 'brennan', 'mcdowell', 'marks', 'cantu', 'humphrey', 'baxter', 'sawyer', 'clay', 'tanner', 'hutchinson', 'kaur', 'berg', 'wiley', 'gilmore', 'russo', 'villegas', 'hobbs', 'keith', 'wilkerson', 'ahmed', 'beard', 'mcclain', 'montes', 'mata', 'rosario', 'vang', 'walter', 'henson', 'oneal', 'mosley', 'mcclure', 'beasley', 'stephenson', 'snow', 'huerta', 'preston', 'vance', 'barry', 'johns', 'eaton', 'blackwell', 'dyer', 'prince', 'macdonald', 'solomon', 'guevara', 'stafford', 'english', 'hurst', 'woodard', 'cortes', 'shannon', 'kemp', 'nolan', 'mccullough', 'merritt', 'murillo', 'moon', 'salgado', 'strong', 'kline', 'cordova', 'barajas', 'roach', 'rosas', 'winters', 'jacobson', 'lester', 'knox', 'bullock', 'kerr', 'leach', 'meadows', 'orr', 'davila', 'whitehead', 'pruitt', 'kent', 'conway', 'mckee', 'barr', 'david', 'dejesus', 'marin', 'berger', 'mcintyre', 'blankenship', 'gaines', 'palacios', 'cuevas', 'bartlett', 'durham', 'dorsey', 'mccall', 'odonnell', 'stein', 'browning', 'stout', 'lowery', 'sloan', 'mclean', 'hendricks', 'calhoun', 'sexton', 'chung', 'gentry', 'hull', 'duarte', 'ellison', 'nielsen', 'gillespie', 'buck', 'middleton', 'sellers', 'leblanc', 'esparza', 'hardin', 'bradshaw', 'mcintosh', 'howe', 'livingston', 'frost', 'glass', 'morse', 'knapp', 'herman', 'stark', 'bravo', 'noble', 'spears', 'weeks', 'corona', 'frederick', 'buckley', 'mcfarland', 'hebert', 'enriquez', 'hickman', 'quintero', 'randolph', 'schaefer', 'walls', 'trejo', 'house', 'reilly', 'pennington', 'michael', 'conrad', 'giles', 'benjamin', 'crosby', 'fitzpatrick', 'donovan', 'mays', 'mahoney', 'valentine', 'raymond', 'medrano', 'hahn', 'mcmillan', 'small', 'bentley', 'felix', 'peck', 'lucero', 'boyle', 'hanna', 'pace', 'rush', 'hurley', 'harding', 'mcconnell', 'bernal', 'nava', 'ayers', 'everett', 'ventura', 'avery', 'pugh', 'mayer', 'bender', 'shepard', 'mcmahon', 'landry', 'case', 'sampson', 'moses', 'magana', 'blackburn', 'dunlap', 'gould', 'duffy', 'vaughan', 'herring', 'mckay', 'espinosa', 'rivers', 'farley', 'bernard', 'ashley', 'friedman', 'potts', 'truong', 'costa', 'correa', 'blevins', 'nixon', 'clements', 'fry', 'delarosa', 'best', 'benton', 'lugo', 'portillo', 'dougherty', 'crane', 'haley', 'phan', 'villalobos', 'blanchard', 'horne', 'finley', 'quintana', 'lynn', 'esquivel', 'bean', 'dodson', 'mullen', 'xiong', 'hayden', 'cano', 'levy', 'huber', 'richmond', 'moyer', 'lim', 'frye', 'sheppard', 'mccarty', 'avalos', 'booker', 'waller', 'parra', 'woodward', 'jaramillo', 'krueger', 'rasmussen', 'brandt', 'peralta', 'donaldson', 'stuart', 'faulkner', 'maynard', 'galindo', 'coffey', 'estes', 'sanford', 'burch', 'maddox', 'vo', 'oconnell', 'vu', 'andersen', 'spence', 'mcpherson', 'church', 'schmitt', 'stanton', 'leal', 'cherry', 'compton', 'dudley', 'sierra', 'pollard', 'alfaro', 'hester', 'proctor', 'lu', 'hinton', 'novak', 'good', 'madden', 'mccann', 'terrell', 'jarvis', 'dickson', 'reyna', 'cantrell', 'mayo', 'branch', 'hendrix', 'rollins', 'rowland', 'whitney', 'duke', 'odom', 'daugherty', 'travis', 'tang', 'archer'];
const STREETS = ['oak', 'maple', 'cedar', 'pine', 'elm', 'washington', 'lake', 'hill', 'park', 'main', 'church', 'walnut', 'spring', 'ridge', 'sunset', 'highland', 'river', 'willow', 'meadow', 'forest', 'jefferson', 'lincoln', 'madison', 'franklin', 'jackson', 'chestnut', 'birch', 'dogwood', 'laurel', 'magnolia', 'cherry', 'valley', 'center', 'mill', 'north', 'south', 'east', 'west', 'prospect', 'union', 'broad', 'market', 'school', 'college', 'academy', 'garden', 'grove', 'orchard', 'lakeview', 'hillcrest'];
const STREET_TYPES = [['Street', 'St', 'St.'], ['Avenue', 'Ave', 'Ave.'], ['Road', 'Rd'], ['Drive', 'Dr'], ['Lane', 'Ln'], ['Court', 'Ct'], ['Place', 'Pl'], ['Boulevard', 'Blvd']];
const FREE_MAIL = ['gmail.com', 'gmail.com', 'gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'icloud.com', 'aol.com', 'comcast.net'];
const ROLES = ['info', 'sales', 'office', 'accounts', 'purchasing', 'orders', 'admin', 'contact'];
const NICKS: Record<string, string[]> = {
	robert: ['bob', 'rob', 'bobby'], william: ['bill', 'will'], james: ['jim', 'jimmy'], michael: ['mike'], david: ['dave'], richard: ['rick', 'rich'],
	thomas: ['tom'], christopher: ['chris'], daniel: ['dan', 'danny'], joseph: ['joe'], edward: ['ed', 'eddie'], steven: ['steve'], samuel: ['sam'],
	benjamin: ['ben'], matthew: ['matt'], nicholas: ['nick'], andrew: ['andy', 'drew'], alexander: ['alex'], gregory: ['greg'], patrick: ['pat'],
	kenneth: ['ken'], ronald: ['ron'], donald: ['don'], jeffrey: ['jeff'], timothy: ['tim'], peter: ['pete'], elizabeth: ['liz', 'beth'],
	katherine: ['kate', 'katie'], margaret: ['maggie', 'peggy'], jennifer: ['jenny', 'jen'], jessica: ['jess'], susan: ['sue'], rebecca: ['becky'],
	patricia: ['patty', 'trish'], deborah: ['debbie'], abigail: ['abby'], amanda: ['mandy'], victoria: ['vicky'], pamela: ['pam'], cynthia: ['cindy'],
};

// Area codes in service (a phone is only evidence when it is a real number: Resolve Identity drops
// numbers that are not valid for their country, as it should).
const AREA_CODES = [201, 202, 203, 205, 206, 207, 208, 210, 212, 213, 214, 215, 216, 217, 218, 219, 224, 225, 228, 229, 231, 234, 239, 240, 248, 251, 252, 253, 254, 256, 260, 262, 267, 269, 270, 276, 281, 301, 302, 303, 304, 305, 307, 308, 309, 310, 312, 313, 314, 315, 316, 317, 318, 319, 320, 321, 323, 325, 330, 334, 336, 337, 339, 347, 352, 360, 361, 386, 401, 402, 404, 405, 406, 407, 408, 409, 410, 412, 413, 414, 415, 417, 419, 423, 425, 430, 432, 434, 435, 440, 443, 469, 478, 479, 480, 484, 501, 502, 503, 504, 505, 507, 508, 509, 510, 512, 513, 515, 516, 517, 518, 520, 530, 540, 541, 551, 559, 561, 562, 563, 567, 570, 571, 573, 574, 580, 585, 586, 601, 602, 603, 605, 606, 607, 608, 609, 610, 612, 614, 615, 616, 617, 618, 619, 620, 623, 626, 630, 631, 636, 641, 646, 650, 651, 660, 661, 662, 678, 682, 701, 702, 703, 704, 706, 707, 708, 712, 713, 714, 715, 716, 717, 718, 719, 720, 724, 727, 731, 732, 734, 740, 754, 757, 760, 763, 765, 770, 772, 773, 774, 775, 781, 785, 786, 801, 802, 803, 804, 805, 806, 808, 810, 812, 813, 814, 815, 816, 817, 818, 828, 830, 831, 832, 843, 845, 847, 848, 850, 856, 857, 858, 859, 860, 862, 863, 864, 865, 870, 901, 903, 904, 906, 907, 908, 909, 910, 912, 913, 914, 915, 916, 917, 918, 919, 920, 925, 928, 931, 936, 937, 940, 941, 947, 949, 951, 952, 954, 956, 970, 971, 972, 973, 978, 979, 980, 985, 989];

interface Address {
	number: number;
	street: string;
	type: string[];
	unit: string;
	city: string;
	zip: string;
	state: string;
}

interface Person {
	first: string;
	last: string;
	email: string;
	mobile: string;
	workEmail: string;
	/** A second personal address (an old provider, a shopping alias). */
	altEmail: string;
	landline: string;
	familyEmail: string;
	/** 'Jr' or 'Sr' where a parent and grown child share a given name ('' otherwise); written on some records only. */
	generation: string;
	dob: string;
	address: Address;
	oldAddress?: Address;
	person: string;
	household: string;
}

export function householdData(people: number, seed = 7): HouseholdData {
	const random = seededRandom(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
	// Common surnames far more often than rare ones: many unrelated people share a surname.
	const zipf = <T>(list: readonly T[]): T => list[Math.floor(Math.pow(random(), 1.8) * list.length)];
	const digits = (k: number): string => {
		let s = String(2 + Math.floor(random() * 8));
		while (s.length < k) s += String(Math.floor(random() * 10));
		return s;
	};
	// A US number: an area code in service, an exchange 200-999 (not N11, not 555), a line number.
	const phoneNumber = (): string => {
		let exchange: string;
		do exchange = digits(3);
		while (exchange.slice(1) === '11' || exchange === '555');
		return `${pick(AREA_CODES)}${exchange}${String(Math.floor(random() * 10000)).padStart(4, '0')}`;
	};
	const cities = Array.from({ length: Math.max(20, Math.round(people / 150)) }, () => ({
		city: `${pick(STREETS)}${pick(['ville', 'ton', ' springs', 'field', 'burg', ' city', 'wood', 'port'])}`.replace(/^./, (c) => c.toUpperCase()),
		zip: String(10000 + Math.floor(random() * 89000)),
		state: pick(['CA', 'TX', 'NY', 'FL', 'IL', 'PA', 'OH', 'GA', 'NC', 'MI', 'WA', 'AZ']),
	}));
	// Each city spans a few postcodes; streets repeat across cities.
	const address = (): Address => {
		const c = pick(cities);
		return {
			number: 1 + Math.floor(Math.pow(random(), 2) * 2500),
			street: pick(STREETS),
			type: pick(STREET_TYPES),
			unit: random() < 0.15 ? `Apt ${1 + Math.floor(random() * 30)}${pick(['', 'A', 'B'])}` : '',
			city: c.city,
			zip: String(Number(c.zip) + Math.floor(random() * 4)),
			state: c.state,
		};
	};
	const companies = Array.from({ length: Math.max(10, Math.round(people / 60)) }, (_, k) => `${pick(SURNAMES)}${pick(['co', 'corp', 'group', 'partners', 'labs'])}${k}.com`);
	const dobOf = (minYear: number, maxYear: number): string => {
		const y = minYear + Math.floor(random() * (maxYear - minYear + 1));
		return `${y}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
	};
	const personalEmail = (first: string, last: string): string => {
		const f = random();
		const local = f < 0.35 ? `${first}.${last}` : f < 0.6 ? `${first[0]}${last}` : f < 0.8 ? `${first}${last}${Math.floor(random() * 100)}` : `${first}${Math.floor(1950 + random() * 55)}`;
		return `${local}@${pick(FREE_MAIL)}`;
	};
	const used = new Set<string>();
	const persons: Person[] = [];
	let householdNo = 0;
	const newPerson = (first: string, last: string, dob: string, home: Address, household: string): Person => {
		let email = personalEmail(first, last);
		// Mostly unique, but the generator lets some collide: two different people, one address string.
		if (used.has(email) && random() < 0.7) email = email.replace('@', `${Math.floor(random() * 1000)}@`);
		used.add(email);
		return {
			first,
			last,
			email,
			mobile: phoneNumber(),
			altEmail: random() < 0.45 ? personalEmail(first, last) : '',
			workEmail: random() < 0.25 ? `${first[0]}${last}@${pick(companies)}` : '',
			landline: '',
			familyEmail: '',
			generation: '',
			dob,
			address: home,
			oldAddress: random() < 0.08 ? address() : undefined,
			person: `p${persons.length}`,
			household,
		};
	};
	while (persons.length < people) {
		const household = `h${householdNo++}`;
		const home = address();
		const male = random() < 0.5;
		const last = zipf(SURNAMES);
		const head = newPerson(pick(male ? MALE : FEMALE), last, dobOf(1940, 2000), home, household);
		persons.push(head);
		// About one person in ten lives with a relative at the same address.
		if (random() < 0.11 && persons.length < people) {
			const kind = random();
			let first: string;
			let surname = last;
			let dob: string;
			if (kind < 0.65) {
				// A partner: the other given name, usually the same surname.
				do first = pick(random() < 0.85 ? (male ? FEMALE : MALE) : male ? MALE : FEMALE);
				while (first === head.first);
				if (random() < 0.2) surname = zipf(SURNAMES);
				dob = dobOf(Number(head.dob.slice(0, 4)) - 6, Number(head.dob.slice(0, 4)) + 6);
			} else {
				// A grown child or parent; now and then a junior with the same given name.
				first = random() < 0.1 ? head.first : pick(random() < 0.5 ? MALE : FEMALE);
				const y = Number(head.dob.slice(0, 4));
				dob = random() < 0.5 ? dobOf(Math.min(y + 20, 2005), Math.min(y + 35, 2006)) : dobOf(y - 35, y - 20);
			}
			const relative = newPerson(first, surname, dob, home, household);
			if (first === head.first) {
				const younger = relative.dob > head.dob ? relative : head;
				younger.generation = 'Jr';
				(younger === head ? relative : head).generation = 'Sr';
			}
			if (random() < 0.6) head.landline = relative.landline = phoneNumber();
			if (random() < 0.3) {
				const family = `${pick(['the', 'team', '', 'home'])}${last}${pick(['', 's', 'family', String(Math.floor(random() * 100))])}@${pick(FREE_MAIL)}`;
				head.familyEmail = relative.familyEmail = family;
			}
			relative.oldAddress = head.oldAddress && random() < 0.7 ? head.oldAddress : relative.oldAddress;
			persons.push(relative);
		}
	}
	const records: IdentityInput[] = [];
	const person: string[] = [];
	const household: string[] = [];
	const typo = (s: string): string => {
		if (s.length < 4) return s;
		const at = 1 + Math.floor(random() * (s.length - 2));
		const r = random();
		if (r < 0.33) return s.slice(0, at) + s.slice(at + 1);
		if (r < 0.66) return s.slice(0, at) + s[at + 1] + s[at] + s.slice(at + 2);
		return s.slice(0, at) + pick(['a', 'e', 'i', 'o', 'n', 'r', 's', 't']) + s.slice(at + 1);
	};
	const shown = (s: string): string => {
		const r = random();
		return r < 0.5 ? s[0].toUpperCase() + s.slice(1) : r < 0.75 ? s.toUpperCase() : s;
	};
	const givenName = (p: Person): string => {
		const r = random();
		if (NICKS[p.first] && r < 0.25) return shown(pick(NICKS[p.first]));
		if (r < 0.32) return shown(typo(p.first));
		return shown(p.first);
	};
	// A junior writes "Jr" on some records, a senior "Sr" on fewer; most records carry neither.
	const surname = (p: Person): string => {
		const last = shown(random() < 0.06 ? typo(p.last) : p.last);
		if (p.generation !== '' && random() < (p.generation === 'Jr' ? 0.4 : 0.2)) return `${last}${pick([' ', ', '])}${p.generation}${pick(['', '.'])}`;
		return last;
	};
	const phoneText = (d: string): string => {
		const f = random();
		return f < 0.4 ? `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}` : f < 0.7 ? `+1 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}` : f < 0.85 ? `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}` : d;
	};
	const street = (a: Address): string => {
		const t = pick(a.type);
		return `${a.number} ${shown(a.street)} ${t}${a.unit ? (random() < 0.5 ? ` ${a.unit}` : `, ${a.unit.replace('Apt', 'Apartment')}`) : ''}`;
	};
	const emailOf = (p: Person): string => {
		const r = random();
		let e = p.familyEmail && r < 0.35 ? p.familyEmail : p.workEmail && r < 0.5 ? p.workEmail : p.altEmail && r < 0.75 ? p.altEmail : p.email;
		if (random() < 0.04) e = typo(e);
		return random() < 0.2 ? e.toUpperCase() : e;
	};
	const phoneOf = (p: Person): string => phoneText(p.landline && random() < 0.55 ? p.landline : random() < 0.03 ? typo(p.mobile) : p.mobile);
	for (const p of persons) {
		const sources: string[] = ['crm'];
		if (random() < 0.75) sources.push('esp');
		if (random() < 0.4) sources.push('web');
		if (random() < 0.55) sources.push('orders');
		if (random() < 0.2) sources.push('orders');
		if (random() < 0.25) sources.splice(0, 1);
		if (sources.length === 0) sources.push('esp');
		for (const source of sources) {
			const r: IdentityInput = { key: `${source}-${records.length}`, source };
			const home = p.oldAddress && random() < 0.4 ? p.oldAddress : p.address;
			if (source === 'crm') {
				r.firstName = givenName(p);
				r.lastName = surname(p);
				if (random() < 0.9) r.email = emailOf(p);
				if (random() < 0.75) r.phone = phoneOf(p);
				if (random() < 0.55) r.dob = p.dob;
				if (random() < 0.9) r.street = street(home);
				r.city = home.city;
				if (random() < 0.9) r.postcode = home.zip;
				r.state = home.state;
			} else if (source === 'esp') {
				r.email = emailOf(p);
				if (random() < 0.7) r.firstName = givenName(p);
				if (random() < 0.45) r.lastName = surname(p);
				if (random() < 0.3) r.postcode = home.zip;
			} else if (source === 'web') {
				r.email = emailOf(p);
				if (random() < 0.8) r.firstName = givenName(p);
				if (random() < 0.8) r.lastName = surname(p);
				if (random() < 0.4) r.phone = phoneOf(p);
				if (random() < 0.6) r.postcode = home.zip;
			} else {
				// An order: the billing name and address; coworkers sometimes order through a role mailbox.
				r.firstName = random() < 0.1 ? givenName(p)[0] : givenName(p);
				r.lastName = surname(p);
				const role = p.workEmail && random() < 0.5;
				r.email = role ? `${pick(ROLES)}@${p.workEmail.split('@')[1]}` : emailOf(p);
				if (random() < 0.7) r.phone = phoneOf(p);
				r.street = street(home);
				r.city = home.city;
				r.postcode = home.zip;
				r.state = home.state;
			}
			r.updatedAt = new Date(Date.UTC(2023, 0, 1) + Math.floor(random() * 7e10)).toISOString();
			records.push(r);
			person.push(p.person);
			household.push(p.household);
		}
	}
	// Sources arrive interleaved, not person by person.
	for (let k = records.length - 1; k > 0; k--) {
		const j = Math.floor(random() * (k + 1));
		[records[k], records[j]] = [records[j], records[k]];
		[person[k], person[j]] = [person[j], person[k]];
		[household[k], household[j]] = [household[j], household[k]];
	}
	return { records, person, household };
}
