package data

// The word lists below feed GenerateDemo: products, people and the phrases
// that its titles, notes and reviews are built from.

// demoProduct is a sample product with the version its history starts after.
type demoProduct struct {
	name, description string
	key               string // its Jira project key
	major, minor      int    // version before the first generated release
	weight            int    // share of the releases
	areas             []string
	problems          []string // what hotfixes and emergencies repair
	// providers are the products whose releases this one's may need first.
	providers []int
}

// demoNamedProducts are the first products of every demo, in its first
// business unit: the apps need the payment and portal APIs, the portal
// needs payments and data, payments needs the data platform.
var demoNamedProducts = []demoProduct{
	{name: "Payments", key: "PAY", providers: []int{3}, major: 3, minor: 8, weight: 30,
		description: "Card, wallet and bank payments for the web shop and the apps, with refunds, payouts and settlement.",
		areas: []string{"checkout", "refunds", "card tokenization", "payouts", "3-D Secure", "invoicing", "currency conversion",
			"fraud rules", "settlement reports", "Apple Pay", "SEPA direct debit", "subscriptions"},
		problems: []string{"duplicate charges on retried payments", "refund totals rounded the wrong way", "3-D Secure redirect loop",
			"payouts stuck in pending", "expired card tokens refused", "wrong currency on invoices"}},
	{name: "Customer Portal", key: "PORTAL", providers: []int{0, 3}, major: 5, minor: 2, weight: 27,
		description: "The self-service web portal where customers manage accounts, billing, documents and support requests.",
		areas: []string{"account settings", "password reset", "billing history", "support tickets", "notifications", "single sign-on",
			"search", "dashboard", "document upload", "user profiles", "team management", "usage reports"},
		problems: []string{"login loop after password reset", "invoices not downloading", "session expiring too early",
			"notification emails sent twice", "search returning other tenants' documents", "broken layout in Safari"}},
	{name: "Mobile App", key: "MOB", providers: []int{0, 1}, major: 7, minor: 14, weight: 25,
		description: "The iOS and Android apps: ordering, tracking, payments and push notifications on the go.",
		areas: []string{"push notifications", "offline mode", "biometric login", "onboarding", "dark mode", "in-app chat",
			"deep links", "home screen widgets", "crash reporting", "payment sheet", "app settings", "order tracking"},
		problems: []string{"crash on start on Android 12", "push tokens not refreshed", "biometric login lockout",
			"order tracking map blank", "deep links opening the wrong screen", "battery drain in the background"}},
	{name: "Data Platform", key: "DATA", major: 2, minor: 3, weight: 18,
		description: "Ingestion, warehouse and reporting pipelines that feed finance, analytics and the customer-facing reports.",
		areas: []string{"ingestion pipeline", "data catalog", "warehouse loads", "retention policies", "CDC connectors",
			"query engine", "data lineage", "job scheduler", "GDPR erasure", "metric definitions", "partition management", "access controls"},
		problems: []string{"nightly load dropping late rows", "duplicate events after a connector restart", "erasure jobs timing out",
			"wrong time zone in daily revenue", "scheduler skipping month-end jobs", "catalog permissions too broad"}},
}

// demoRole says what part a sample person usually plays in a release.
type demoRole int

const (
	demoLead      demoRole = iota // accountable for a product's releases
	demoEngineer                  // responsible for a product's releases
	demoReleaser                  // release management: responsible, facilitates reviews
	demoQA                        // consulted; owns regression items
	demoSRE                       // consulted; performs deployments
	demoConsulted                 // security, compliance, product
	demoInformed                  // support, marketing, executives
)

// demoPerson is a sample stakeholder; product is -1 for people who work across products.
type demoPerson struct {
	name, email, team, title string
	product                  int
	role                     demoRole
}

var demoPeople = []demoPerson{
	{"Amara Okafor", "amara.okafor@example.com", "Payments Engineering", "Engineering Manager", 0, demoLead},
	{"Lukas Brandt", "lukas.brandt@example.com", "Payments Engineering", "Senior Software Engineer", 0, demoEngineer},
	{"Priya Raman", "priya.raman@example.com", "Payments Engineering", "Tech Lead", 0, demoEngineer},
	{"Sofia Marchetti", "sofia.marchetti@example.com", "Portal Engineering", "Engineering Manager", 1, demoLead},
	{"Daniel Kim", "daniel.kim@example.com", "Portal Engineering", "Tech Lead", 1, demoEngineer},
	{"Hannah Schulz", "hannah.schulz@example.com", "Portal Engineering", "Software Engineer", 1, demoEngineer},
	{"Mateo Fernández", "mateo.fernandez@example.com", "Mobile Engineering", "Engineering Manager", 2, demoLead},
	{"Aisha Rahman", "aisha.rahman@example.com", "Mobile Engineering", "Lead iOS Engineer", 2, demoEngineer},
	{"Jonas Lindqvist", "jonas.lindqvist@example.com", "Mobile Engineering", "Lead Android Engineer", 2, demoEngineer},
	{"Grace Liu", "grace.liu@example.com", "Data Engineering", "Head of Data Engineering", 3, demoLead},
	{"Tomasz Nowak", "tomasz.nowak@example.com", "Data Engineering", "Staff Data Engineer", 3, demoEngineer},
	{"Emily Carter", "emily.carter@example.com", "Data Engineering", "Data Engineer", 3, demoEngineer},
	{"Oliver Bennett", "oliver.bennett@example.com", "Release Management", "Release Manager", -1, demoReleaser},
	{"Nadia Haddad", "nadia.haddad@example.com", "Release Management", "Release Coordinator", -1, demoReleaser},
	{"Chen Wei", "chen.wei@example.com", "Quality Assurance", "QA Lead", -1, demoQA},
	{"Isabel Moreno", "isabel.moreno@example.com", "Quality Assurance", "Test Automation Engineer", -1, demoQA},
	{"Samuel Osei", "samuel.osei@example.com", "Site Reliability", "SRE Lead", -1, demoSRE},
	{"Mia Johansson", "mia.johansson@example.com", "Site Reliability", "Site Reliability Engineer", -1, demoSRE},
	{"Ravi Patel", "ravi.patel@example.com", "Site Reliability", "Platform Engineer", -1, demoSRE},
	{"Elena Petrova", "elena.petrova@example.com", "Security", "Application Security Lead", -1, demoConsulted},
	{"Fatima Benali", "fatima.benali@example.com", "Compliance", "Compliance Officer", -1, demoConsulted},
	{"Rachel Adeyemi", "rachel.adeyemi@example.com", "Product Management", "Director of Product", -1, demoConsulted},
	{"Marcus Allen", "marcus.allen@example.com", "Customer Support", "Support Team Lead", -1, demoInformed},
	{"Yuki Tanaka", "yuki.tanaka@example.com", "Marketing", "Product Marketing Manager", -1, demoInformed},
	{"George Whitfield", "george.whitfield@example.com", "Engineering", "VP Engineering", -1, demoInformed},
}

// Release titles per type; %s is an area of the product (or, for fixes, a problem).
var demoTitleTemplates = map[ReleaseType][]string{
	TypeMajor: {"Next-generation %s", "New %s platform", "%s rebuilt from the ground up", "Unified %s experience"},
	TypeMinor: {"Faster %s", "Improved %s", "Self-service %s", "Redesigned %s", "%s for business accounts",
		"%s audit trail", "%s reporting", "New %s options", "%s accessibility improvements", "Smarter %s"},
	TypePatch:     {"%s fixes", "%s stability fixes", "%s performance fixes", "Small fixes to %s", "%s bug fixes"},
	TypeHotfix:    {"Hotfix for %s", "Fix %s"},
	TypeEmergency: {"Emergency fix for %s", "Stop %s"},
}

var demoDescriptions = map[ReleaseType][]string{
	TypeMajor: {"A large change to %s, rolled out behind feature flags and announced to customers in advance.",
		"Replaces the old %s with a new design; needs a data migration and a maintenance window."},
	TypeMinor: {"Adds improvements to %s requested by customers and account managers.",
		"New capabilities in %s, plus the fixes collected since the last minor release."},
	TypePatch: {"Bug fixes and small improvements in %s.", "Maintenance release: dependency updates and fixes in %s."},
	TypeHotfix: {"Targeted fix for %s, reported by customer support.",
		"Fixes %s without any other change; verified on Staging before going out."},
	TypeEmergency: {"Emergency change to stop %s; approved by the on-call manager.",
		"Out-of-cycle release for %s, which was affecting customers in production."},
}

var demoRiskNotes = map[Risk][]string{
	RiskMedium: {"Touches a shared database schema.", "Adds a new third-party dependency.", "Changes session handling.",
		"New caching layer in front of a busy endpoint."},
	RiskHigh: {"Data migration on one of the largest tables.", "Changes the authorization flow for every customer.",
		"Major framework upgrade across the code base.", "Cannot be rolled back without restoring a backup."},
}

// Test suites per environment kind with the usual number of tests in each.
type demoSuite struct {
	name     string
	min, max int
}

var demoSuites = map[EnvironmentKind][]demoSuite{
	KindDevelopment: {{"Unit and integration", 1200, 4200}, {"Smoke", 15, 60}, {"Component", 150, 600}},
	KindTest:        {{"Regression", 400, 1500}, {"API contract", 80, 300}, {"Smoke", 15, 60}},
	KindUAT:         {{"User acceptance", 30, 120}, {"Accessibility", 20, 80}, {"Smoke", 15, 60}},
	KindStaging:     {{"Regression", 400, 1500}, {"Performance", 10, 40}, {"Smoke", 15, 60}},
	KindProduction:  {{"Smoke", 15, 60}, {"Synthetic monitoring", 8, 24}},
}

var demoFailureNotes = []string{
	"Health checks failed after the rollout; the readiness probe pointed at the wrong port.",
	"Database migration timed out waiting for a lock.",
	"Build artifact missing from the registry.",
	"A new configuration value was missing from the secrets store.",
	"The load balancer did not drain the old instances.",
	"The deployment agent ran out of disk space.",
}

var demoRollbackReasons = []string{
	"Error rate rose above 5% within minutes of the rollout.",
	"Database migration locked the orders table and requests queued up.",
	"Memory leak in the new build exhausted the containers.",
	"Logins failed for users with single sign-on.",
	"Latency on the main API doubled under normal load.",
	"A feature flag defaulted to on for every customer.",
	"An incompatible schema change broke the reporting jobs.",
}

var demoDetectedBy = []string{"Error-rate alert", "Synthetic monitoring", "Customer support tickets", "On-call engineer",
	"QA smoke tests", "Latency dashboard"}

var demoGoConditions = []string{"", "", "Rollback plan rehearsed on Staging.", "Support on standby for the first two hours.",
	"Go ahead only if the error budget is intact.", "Deploy after the evening traffic peak has passed."}

var demoDeferNotes = []string{"Waiting for the fix to a failing regression test.", "The payment provider's sandbox was down.",
	"Key approver on leave; moved to the next slot.", "Load test results not reviewed yet."}

var demoNoGoNotes = []string{"Scope moved into the next release.", "The vendor API change was postponed.",
	"Business asked to wait until after the campaign; release cancelled."}

var demoRejections = []string{"Security review findings are still open.", "Load test results are missing.",
	"Customer communication not approved yet."}

var demoWentWell = []string{
	"Promotion through the environments went without surprises.", "The runbook was accurate and short.",
	"Monitoring showed the new version healthy within minutes.", "Support had the release notes a day early.",
	"Feature flags let us enable the change gradually.", "Test automation caught two regressions before Staging.",
}

var demoWentBadly = []string{
	"A deployment failed on a missing configuration value.", "The code freeze started late, squeezing QA.",
	"Two releases competed for the Staging environment.", "Approvals arrived on the morning of the release.",
	"Alerting was noisy during the rollout.", "The release slipped while waiting for a dependency.",
}

var demoLessons = []string{
	"Check configuration differences between environments before promoting.", "Book Staging time for every release in the plan.",
	"Ask approvers for sign-off at the go/no-go meeting, not on release day.", "Rehearse the rollback for every schema change.",
	"Keep feature flags off by default in production.", "Add the missing smoke test to the pipeline.",
}

var demoActionTitles = []string{
	"Add a configuration diff step to the pipeline", "Automate the rollback rehearsal on Staging",
	"Write a runbook for the database migration", "Add an alert on checkout error rate",
	"Reserve Staging slots in the release calendar", "Add missing smoke tests for the changed screens",
	"Review feature flag defaults", "Move approvals into the go/no-go meeting", "Tune noisy alerts",
	"Document the data migration steps",
}

var demoEventFreezes = []string{"Annual customer conference", "Regulatory audit fieldwork", "Major client onboarding",
	"Payment network certification"}

// demoExtraChecklist pads the short built-in checklists of hotfixes and emergencies.
var demoExtraChecklist = []ChecklistItem{
	{Category: CategoryRegression, Title: "Smoke tests passed on production"},
	{Category: CategoryCommunication, Title: "Status page updated"},
	{Category: CategoryReadiness, Title: "Change approved by the on-call manager"},
}
