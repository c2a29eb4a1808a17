// Every app setting the Function App gets, computed in one function from the deployment's parameters and the
// resources the template creates. The Function App module calls it, and the tests evaluate it (bicep build-params)
// with the values of main.parameters.json to check each setting against the options the app binds.
//
// No secret value passes through here: secrets are named by Key Vault secret name and become `keyvault:NAME`
// references, API keys are SHA-256 hashes.

@export()
@description('A cPanel & WHM server of the fleet (Fleet:Servers:NAME).')
type fleetServer = {
  @description('The server\'s name in Fleet:Servers; routes refer to it. Letters, digits and underscores: it becomes part of app setting names, which Linux apps read as environment variables.')
  @minLength(1)
  name: string

  @description('The host name the API is called on, e.g. web1.example.com.')
  @minLength(1)
  host: string

  @description('WhmToken (root or a reseller), CpanelToken (one account) or Password (one account; prefer tokens).')
  auth: 'WhmToken' | 'CpanelToken' | 'Password'

  @description('root or the reseller for WhmToken, the cPanel account otherwise.')
  @minLength(1)
  userName: string

  @description('The name of the Key Vault secret that holds the token or password (becomes keyvault:NAME).')
  @minLength(1)
  secretName: string

  @description('Password servers with 2FA: the Key Vault secret that holds the base32 TOTP secret.')
  totpSecretName: string?

  @description('SHA-256 fingerprints of the server\'s certificate, for self-signed certificates.')
  pinnedCertificateSha256: string[]?

  @description('The cPanel (UAPI) port; default 2083.')
  cpanelPort: int?

  @description('The WHM port; default 2087.')
  whmPort: int?

  @description('The Webmail port; default 2096.')
  webmailPort: int?
}

@export()
@description('Which domains go to which server (Fleet:Routes).')
type domainRoute = {
  @description('example.com, *.example.com for its subdomains, or * for every other domain.')
  @minLength(1)
  domain: string

  @description('The name of a server in fleet.servers.')
  @minLength(1)
  server: string

  @description('The cPanel account that owns the domain, for cPanel logins through a WHM-token server.')
  owner: string?
}

@export()
@description('The fleet: servers, routes and how long secrets are cached.')
type fleetSettings = {
  @description('The servers; at least one.')
  @minLength(1)
  servers: fleetServer[]

  @description('Which domains each server serves; at least one.')
  @minLength(1)
  routes: domainRoute[]

  @description('How long a secret is used before it is read again (TimeSpan, e.g. 00:05:00).')
  secretCacheDuration: string?

  @description('How long the last good secret is served while Key Vault fails (TimeSpan, e.g. 00:30:00).')
  secretGracePeriod: string?
}

@export()
@description('One grant of the minting policy (Policy:Rules).')
type policyRule = {
  @description('A name for messages and audit records, e.g. helpdesk.')
  @minLength(1)
  name: string

  @description('name:NAME, entra:OBJECT-ID, app:APP-ID, group:GROUP-ID, slack:U0123, teams:ID, github:LOGIN.')
  @minLength(1)
  callers: string[]

  @description('Mailbox patterns (*@example.com) or cPanel user names.')
  @minLength(1)
  targets: string[]

  @description('What may be minted: Webmail logins, cPanel logins or both.')
  @minLength(1)
  kinds: ('Webmail' | 'Cpanel')[]

  @description('Channels granted; none grants every channel.')
  channels: ('Http' | 'Slack' | 'Teams' | 'GitHub' | 'Action' | 'Cli')[]?
}

@export()
@description('Who may mint what, and the rate limits (Policy).')
type policySettings = {
  @description('The grants; with none, every request is refused.')
  rules: policyRule[]

  @description('Requests a caller may make per window; default 30.')
  @minValue(1)
  callerLimit: int?

  @description('Links per mailbox or cPanel user per window, whoever asks; default 10.')
  @minValue(1)
  targetLimit: int?

  @description('The rate-limit window (TimeSpan, e.g. 00:01:00).')
  rateLimitWindow: string?

  @description('What shared rate limits and webhook de-duplication do when their table cannot be reached (SharedState:FailureMode): FailClosed (default) refuses, FailOpen counts per instance.')
  sharedStateFailureMode: ('FailClosed' | 'FailOpen')?
}

@export()
@description('The audit trail (Audit); its table lives in the app\'s storage account.')
type auditSettings = {
  @description('FailClosed withholds a link when its audit record cannot be written; FailOpen hands it out.')
  failureMode: ('FailClosed' | 'FailOpen')?

  @description('3 to 63 letters and digits.')
  @minLength(3)
  @maxLength(63)
  tableName: string
}

@export()
@description('An application key of the HTTP API (Api:Keys), stored as its SHA-256 only.')
type apiKey = {
  @description('The caller name policy rules grant as name:NAME.')
  @minLength(1)
  name: string

  @description('printf %s "$KEY" | sha256sum: 64 hex digits. Never the key itself.')
  @minLength(64)
  @maxLength(64)
  sha256: string
}

@export()
@description('The chat webhooks (ChatOps); secrets by Key Vault secret name, empty when a platform is not used.')
type chatOpsSettings = {
  @description('The Key Vault secret holding Slack\'s signing secret.')
  slackSigningSecretName: string?

  @description('Hosts a Slack response_url may point at; default hooks.slack.com.')
  slackResponseHosts: string[]?

  @description('The Key Vault secret holding the Teams outgoing webhook\'s security token.')
  teamsSecurityTokenName: string?

  @description('The Key Vault secret holding the GitHub webhook\'s secret.')
  gitHubWebhookSecretName: string?

  @description('The Key Vault secret holding a GitHub token that may comment and react on issues.')
  gitHubTokenName: string?

  @description('The GitHub API for GitHub Enterprise, e.g. https://HOST/api/v3; default https://api.github.com.')
  gitHubApiUrl: string?
}

@export()
@description('What the template itself knows: the resources it created.')
type platformSettings = {
  @description('The storage account the Functions host keeps its state in.')
  storageAccountName: string

  @description('The storage account\'s table endpoint (audit, and #17\'s tables).')
  tableEndpoint: string

  @description('The client id of the app\'s user-assigned identity.')
  identityClientId: string

  @description('The Key Vault\'s URI, for keyvault:NAME references.')
  vaultUri: string

  @description('Application Insights\' connection string (ingestion endpoint and instrumentation key; not a credential).')
  applicationInsightsConnectionString: string

  @description('Set when App Service Authentication is on and has a client secret in the vault.')
  authenticationSecretReference: string?
}

@export()
@description('Everything the app settings are computed from.')
type appSettingsInput = {
  @description('Servers and routes (Fleet).')
  fleet: fleetSettings

  @description('Grants and rate limits (Policy).')
  policy: policySettings

  @description('The audit trail (Audit).')
  audit: auditSettings

  @description('API key hashes (Api:Keys).')
  apiKeys: apiKey[]

  @description('Whether App Service Authentication is on, so the app may trust X-MS-CLIENT-PRINCIPAL.')
  trustAppServiceAuthentication: bool

  @description('The chat webhooks (ChatOps).')
  chatOps: chatOpsSettings

  @description('What the template created.')
  platform: platformSettings
}

@export()
@description('One app setting.')
type setting = {
  @description('The setting\'s name, double underscores between configuration sections.')
  name: string

  @description('The setting\'s value.')
  value: string
}

@export()
@description('App settings by name.')
type settingsByName = {
  @description('A setting\'s value, by its name.')
  *: string
}

@export()
@description('Resource tags.')
type resourceTags = {
  @description('A tag\'s value, by its name.')
  *: string
}

// Storage for issue #17: shared rate limits and de-duplication in Table Storage (SharedState), durable background work
// on a queue (BackgroundWork).
@export()
@description('The table of shared rate-limit windows (SharedState:RateLimitTableName).')
var rateLimitTableName = 'CpanelSessionOpsRateLimits'

@export()
@description('The table of webhook deliveries already seen, for de-duplication (SharedState:DeliveryTableName).')
var deliveryTableName = 'CpanelSessionOpsDeliveries'

@export()
@description('For #17: the queue of chat commands worked off in the background.')
var workQueueName = 'chatops-work'

@export()
@description('The app setting App Service Authentication reads its client secret from.')
var authenticationSecretSettingName = 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET'

func entry(name string, value string) setting => { name: name, value: value }

func optionalSetting(name string, value string?) setting[] => empty(value ?? '') ? [] : [entry(name, value!)]

func indexedSettings(prefix string, values string[]) setting[] =>
  map(range(0, length(values)), i => entry('${prefix}__${i}', values[i]))

func vaultReference(secretName string?) string? => empty(secretName ?? '') ? null : 'keyvault:${secretName}'

func serverSettings(server fleetServer) setting[] =>
  flatten([
    [
      entry('Fleet__Servers__${server.name}__Host', server.host)
      entry('Fleet__Servers__${server.name}__Auth', server.auth)
      entry('Fleet__Servers__${server.name}__UserName', server.userName)
      entry('Fleet__Servers__${server.name}__Secret', 'keyvault:${server.secretName}')
    ]
    optionalSetting('Fleet__Servers__${server.name}__TotpSecret', vaultReference(server.?totpSecretName))
    optionalSetting('Fleet__Servers__${server.name}__CpanelPort', server.?cpanelPort == null ? null : string(server.?cpanelPort))
    optionalSetting('Fleet__Servers__${server.name}__WhmPort', server.?whmPort == null ? null : string(server.?whmPort))
    optionalSetting('Fleet__Servers__${server.name}__WebmailPort', server.?webmailPort == null ? null : string(server.?webmailPort))
    indexedSettings('Fleet__Servers__${server.name}__PinnedCertificateSha256', server.?pinnedCertificateSha256 ?? [])
  ])

func routeSettings(route domainRoute, index int) setting[] =>
  flatten([
    [
      entry('Fleet__Routes__${index}__Domain', route.domain)
      entry('Fleet__Routes__${index}__Server', route.server)
    ]
    optionalSetting('Fleet__Routes__${index}__Owner', route.?owner)
  ])

func ruleSettings(rule policyRule, index int) setting[] =>
  flatten([
    [entry('Policy__Rules__${index}__Name', rule.name)]
    indexedSettings('Policy__Rules__${index}__Callers', rule.callers)
    indexedSettings('Policy__Rules__${index}__Targets', rule.targets)
    indexedSettings('Policy__Rules__${index}__Kinds', rule.kinds)
    indexedSettings('Policy__Rules__${index}__Channels', rule.?channels ?? [])
  ])

func apiKeySettings(key apiKey, index int) setting[] => [
  entry('Api__Keys__${index}__Name', key.name)
  entry('Api__Keys__${index}__Sha256', toLower(key.sha256))
]

func platform(input platformSettings) setting[] =>
  flatten([
    [
      // The Functions host's own storage, by identity (no connection string, no key).
      entry('AzureWebJobsStorage__accountName', input.storageAccountName)
      entry('AzureWebJobsStorage__credential', 'managedidentity')
      entry('AzureWebJobsStorage__clientId', input.identityClientId)
      entry('APPLICATIONINSIGHTS_CONNECTION_STRING', input.applicationInsightsConnectionString)
      // DefaultAzureCredential picks the user-assigned identity from this (the audit table client uses it).
      entry('AZURE_CLIENT_ID', input.identityClientId)
      // The .NET runtime's: tier up hot code from the first calls, not after a start-up delay (ten times longer on one CPU).
      // Only the environment sets it (docs/benchmarks.md, "One CPU from the start").
      entry('DOTNET_TC_CallCountingDelayMs', '0')
    ]
    // App Service Authentication's client secret, as a Key Vault reference the platform resolves.
    optionalSetting(authenticationSecretSettingName, input.?authenticationSecretReference)
  ])

func fleet(input appSettingsInput) setting[] =>
  flatten([
    [
      entry('Fleet__Secrets__VaultUri', input.platform.vaultUri)
      entry('Fleet__Secrets__ManagedIdentityClientId', input.platform.identityClientId)
    ]
    optionalSetting('Fleet__Secrets__CacheDuration', input.fleet.?secretCacheDuration)
    optionalSetting('Fleet__Secrets__GracePeriod', input.fleet.?secretGracePeriod)
    flatten(map(input.fleet.servers, s => serverSettings(s)))
    flatten(map(range(0, length(input.fleet.routes)), i => routeSettings(input.fleet.routes[i], i)))
  ])

func policy(input policySettings) setting[] =>
  flatten([
    flatten(map(range(0, length(input.rules)), i => ruleSettings(input.rules[i], i)))
    optionalSetting('Policy__CallerLimit', input.?callerLimit == null ? null : string(input.?callerLimit))
    optionalSetting('Policy__TargetLimit', input.?targetLimit == null ? null : string(input.?targetLimit))
    optionalSetting('Policy__RateLimitWindow', input.?rateLimitWindow)
  ])

func audit(input appSettingsInput) setting[] => [
  entry('Audit__TableServiceUri', input.platform.tableEndpoint)
  entry('Audit__TableName', input.audit.tableName)
  entry('Audit__FailureMode', input.audit.?failureMode ?? 'FailClosed')
]

func api(input appSettingsInput) setting[] =>
  flatten([
    [entry('Api__TrustAppServiceAuthentication', input.trustAppServiceAuthentication ? 'true' : 'false')]
    flatten(map(range(0, length(input.apiKeys)), i => apiKeySettings(input.apiKeys[i], i)))
  ])

func chatOps(input chatOpsSettings) setting[] =>
  flatten([
    optionalSetting('ChatOps__SlackSigningSecret', vaultReference(input.?slackSigningSecretName))
    indexedSettings('ChatOps__SlackResponseHosts', input.?slackResponseHosts ?? [])
    optionalSetting('ChatOps__TeamsSecurityToken', vaultReference(input.?teamsSecurityTokenName))
    optionalSetting('ChatOps__GitHubWebhookSecret', vaultReference(input.?gitHubWebhookSecretName))
    optionalSetting('ChatOps__GitHubToken', vaultReference(input.?gitHubTokenName))
    optionalSetting('ChatOps__GitHubApiUrl', input.?gitHubApiUrl)
  ])

// Where the shared rate-limit and de-duplication tables (by identity, like the audit table) and the work queue are.
func sharedState(input appSettingsInput) setting[] => [
  entry('SharedState__TableServiceUri', input.platform.tableEndpoint)
  entry('SharedState__RateLimitTableName', rateLimitTableName)
  entry('SharedState__DeliveryTableName', deliveryTableName)
  entry('SharedState__FailureMode', input.policy.?sharedStateFailureMode ?? 'FailClosed')
  entry('BackgroundWork__QueueName', workQueueName)
]

@export()
@description('The app settings, name to value.')
func appSettings(input appSettingsInput) settingsByName =>
  toObject(
    flatten([
      platform(input.platform)
      fleet(input)
      policy(input.policy)
      audit(input)
      api(input)
      chatOps(input.chatOps)
      sharedState(input)
    ]),
    entry => entry.name,
    entry => entry.value
  )
