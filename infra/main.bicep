// CpanelSessionOps on Azure: `azd up` provisions this and deploys functions/ into it.
// Subscription scope so that one command goes from a fresh subscription to a working app: the template makes its own
// resource group and deploys everything else into it (modules/resources.bicep).

targetScope = 'subscription'

import { fleetSettings, policySettings, auditSettings, apiKey, chatOpsSettings, resourceTags } from 'modules/appsettings.bicep'

@minLength(1)
@maxLength(64)
@description('The azd environment name; names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('The Azure region for every resource; it must offer the Flex Consumption plan.')
@metadata({ azd: { type: 'location' } })
param location string

@description('The object id of whoever runs azd (AZURE_PRINCIPAL_ID): given Key Vault Secrets Officer on the vault to put the tokens in. Empty: nobody.')
param principalId string = ''

@description('The kind of principal principalId is.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param principalType string = 'User'

@description('The cPanel & WHM servers and which domains each serves. Tokens are named by Key Vault secret, never given here.')
param fleet fleetSettings

@description('Who may mint what (deny by default), and the rate limits.')
param policy policySettings

@description('The audit trail: table name and what a failing audit write does.')
param audit auditSettings = { tableName: 'CpanelSessionOpsAudit', failureMode: 'FailClosed' }

@description('Application keys of the HTTP API, each as the SHA-256 of the key (printf %s "$KEY" | sha256sum).')
param apiKeys apiKey[] = []

@description('The chat webhooks: Key Vault secret names for the signing secrets and tokens; leave out a platform you do not use.')
param chatOps chatOpsSettings = {}

@description('Allow public network access to the storage account and Key Vault. Disable only with private endpoints and VNet integration you add, or the app cannot reach them.')
param publicNetworkAccess bool = true

@description('Turn on Key Vault purge protection (recommended for production; a purge-protected vault cannot be purged before its retention ends).')
param enablePurgeProtection bool = true

@description('The most instances Flex Consumption may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Optional: App Service Authentication (Entra ID) in front of the launch endpoint. The client id of an Entra app registration; empty leaves it off.')
param authClientId string = ''

@description('Optional, with authClientId: the Key Vault secret holding that app registration\'s client secret. Empty uses the implicit (id token) flow.')
param authClientSecretName string = ''

@description('Optional: the Entra ID tenant that signs users in; default this subscription\'s tenant.')
param authTenantId string = tenant().tenantId

@description('Optional: the GitHub Actions OIDC subject allowed to act as the app\'s identity, e.g. repo:acme/ops:environment:production. Empty: none.')
param githubOidcSubject string = ''

@description('Tags for every resource: azd finds its environment\'s resources by azd-env-name.')
var tags resourceTags = { 'azd-env-name': environmentName }
@description('Unique to the subscription, environment and region; ends every resource name.')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module resources 'modules/resources.bicep' = {
  scope: resourceGroup
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    principalId: principalId
    principalType: principalType
    fleet: fleet
    policy: policy
    audit: audit
    apiKeys: apiKeys
    chatOps: chatOps
    publicNetworkAccess: publicNetworkAccess
    enablePurgeProtection: enablePurgeProtection
    maximumInstanceCount: maximumInstanceCount
    authClientId: authClientId
    authClientSecretName: authClientSecretName
    authTenantId: authTenantId
    githubOidcSubject: githubOidcSubject
  }
}

// azd stores these in the environment (.azure/ENV/.env); none is a secret.
@description('The region.')
output AZURE_LOCATION string = location
@description('The tenant.')
output AZURE_TENANT_ID string = tenant().tenantId
@description('The resource group.')
output AZURE_RESOURCE_GROUP string = resourceGroup.name
@description('The Function App\'s name.')
output AZURE_FUNCTION_APP_NAME string = resources.outputs.functionAppName
@description('The Function App\'s URL.')
output AZURE_FUNCTION_APP_URL string = resources.outputs.functionAppUrl
@description('The Key Vault to put the tokens into.')
output AZURE_KEY_VAULT_NAME string = resources.outputs.keyVaultName
@description('The Key Vault\'s URI.')
output AZURE_KEY_VAULT_ENDPOINT string = resources.outputs.keyVaultUri
@description('The storage account\'s name.')
output AZURE_STORAGE_ACCOUNT_NAME string = resources.outputs.storageAccountName
@description('The client id of the app\'s identity, for azure/login with OIDC (not a secret).')
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = resources.outputs.identityClientId
