package data

// The word lists below let GenerateDemo grow the company with the plan:
// business units, the products it invents past the named ones, and the
// people who build, test and run them.

// demoUnitNames name the business units, the first being the one of the named products.
var demoUnitNames = []string{"Digital", "Retail", "Corporate", "Logistics", "Finance", "Marketing", "Customer Care",
	"Supply Chain", "Insurance", "Lending", "Cards", "Wealth", "Travel", "Health", "Energy", "Media", "Partners",
	"Workplace", "Analytics", "Fleet", "Procurement", "People", "Risk", "Commerce", "Marketplace", "Loyalty",
	"Telecom", "Wholesale", "Property", "Education", "Manufacturing", "Public Sector", "Research", "Security",
	"Field Operations", "Hospitality", "Agriculture", "Mobility", "Retail Banking", "Treasury"}

// demoSharedNames are the environments a business unit's products share, from UAT on.
var demoSharedNames = []string{"UAT", "Staging", "Production"}

var demoSharedDescriptions = []string{
	"User acceptance testing with business users and sample customer data.",
	"Production-like environment for final checks, load tests and rehearsals.",
	"Live environment serving customers.",
}

// demoDomains are what invented products are about.
var demoDomains = []string{"Billing", "Claims", "Loyalty", "Inventory", "Shipping", "Identity", "Search", "Pricing",
	"Catalog", "Checkout", "Fraud", "Ledger", "Payroll", "Onboarding", "Messaging", "Scheduling", "Booking",
	"Warehouse", "Supplier", "Procurement", "Reporting", "Compliance", "Audit", "Document", "Contract",
	"Subscription", "Campaign", "Partner", "Merchant", "Order", "Returns", "Tax", "Treasury", "Lending", "Card",
	"Mortgage", "Policy", "Quote", "Pharmacy", "Patient", "Appointment", "Telematics", "Fleet", "Routing",
	"Dispatch", "Account", "Consent", "Notification", "Feedback", "Survey", "Rewards", "Gift Card", "Voucher",
	"Recommendation", "Forecasting", "Planning", "Asset", "Maintenance", "Meter", "Tariff", "Field Service",
	"Workforce", "Expense", "Travel", "Vendor", "Knowledge", "Case", "Collections", "Dispute", "Settlement"}

// demoProductKind is what sort of software an invented product is.
type demoProductKind struct {
	noun        string
	description string // %s is the domain, in lower case
}

var demoProductKinds = []demoProductKind{
	{"Service", "Back-end service that handles %s for the other products."},
	{"Portal", "Web portal where customers and staff manage %s."},
	{"API", "Public and partner API for %s, with its developer documentation."},
	{"Platform", "Shared platform for %s across the business units."},
	{"App", "Mobile and web app for %s on the go."},
	{"Engine", "Rules engine that decides on %s in real time."},
	{"Hub", "Integration hub that moves %s data between internal and partner systems."},
	{"Console", "Back-office console the operations team uses for %s."},
	{"Gateway", "Gateway that connects %s to outside providers."},
	{"Manager", "Tool the business uses to plan and track %s."},
}

// Areas and problems of invented products; %s is the domain, in lower case.
var (
	demoAreaTemplates = []string{"%s search", "%s reports", "%s API", "%s notifications", "%s exports", "%s settings",
		"%s permissions", "%s audit trail", "%s imports", "%s dashboard", "%s integrations", "%s onboarding"}
	demoProblemTemplates = []string{"%s totals rounded the wrong way", "timeouts in %s search", "%s exports missing rows",
		"duplicate %s notifications", "stale data from the %s API", "%s dashboard not loading"}
)

var demoEngineerTitles = []string{"Tech Lead", "Senior Software Engineer", "Software Engineer", "Staff Engineer"}

// demoUnitRoles staff each business unit past the first.
var demoUnitRoles = []struct {
	team, title string
	role        demoRole
}{
	{"Release Management", "Release Manager", demoReleaser}, {"Release Management", "Release Coordinator", demoReleaser},
	{"Quality Assurance", "QA Lead", demoQA}, {"Quality Assurance", "Test Automation Engineer", demoQA},
	{"Site Reliability", "SRE Lead", demoSRE}, {"Site Reliability", "Site Reliability Engineer", demoSRE},
	{"Site Reliability", "Platform Engineer", demoSRE},
}

// First and last names of the people the company hires as it grows.
var (
	demoFirstNames = []string{"Aaron", "Abigail", "Adrian", "Alice", "Amir", "Ana", "Andrea", "Anika", "Arjun", "Beatrice",
		"Benjamin", "Bilal", "Carla", "Carlos", "Caroline", "Daniela", "David", "Diego", "Eva", "Felix", "Fiona",
		"Gabriel", "Hana", "Hassan", "Helena", "Ian", "Ines", "Irene", "Jack", "Jamal", "Julia", "Kai", "Karin",
		"Kenji", "Laura", "Leila", "Leon", "Lina", "Lucas", "Maria", "Marta", "Martin", "Maya", "Mohammed", "Nina",
		"Noah", "Olga", "Omar", "Paula", "Pedro", "Rosa", "Ruben", "Sara", "Simon", "Sophie", "Tariq", "Thomas",
		"Valentina", "Victor", "Zara"}
	demoLastNames = []string{"Abbott", "Acheampong", "Bauer", "Becker", "Castillo", "Chowdhury", "Costa", "Dahl", "Diaz",
		"Dubois", "Eriksen", "Evans", "Fischer", "Fontaine", "Garcia", "Gomez", "Hall", "Hansen", "Ibrahim", "Ivanova",
		"Jensen", "Kaur", "Keller", "Kowalski", "Larsen", "Lopez", "Mahmoud", "Martin", "Mendes", "Meyer", "Nakamura",
		"Nguyen", "Novak", "Oliveira", "Park", "Popescu", "Quinn", "Reyes", "Rossi", "Santos", "Schmidt", "Silva",
		"Singh", "Sorensen", "Suzuki", "Takahashi", "Thompson", "Varga", "Vogel", "Wagner", "Walsh", "Wright",
		"Yamamoto", "Young", "Zhang", "Zimmermann"}
)
