// Everything in the resource group: identity, monitoring, storage, Key Vault, the Flex Consumption plan and the
// Function App, the role assignments the app needs, and the optional modules.

import { fleetSettings, policySettings, auditSettings, apiKey, chatOpsSettings, resourceTags } from 'appsettings.bicep'

@description('The region of every resource.')
param location string
@description('Tags for every resource (azd-env-name).')
param tags resourceTags
@description('A token unique to the subscription, environment and region, ending every name.')
param resourceToken string
@description('Whoever runs the deployment (Key Vault Secrets Officer); empty for nobody.')
param principalId string
@description('The kind of principal principalId is.')
param principalType string
@description('Servers and routes.')
param fleet fleetSettings
@description('Grants and rate limits.')
param policy policySettings
@description('The audit trail.')
param audit auditSettings
@description('API key hashes.')
param apiKeys apiKey[]
@description('The chat webhooks\' secret names.')
param chatOps chatOpsSettings
@description('Allow public network access to the vault and the storage account.')
param publicNetworkAccess bool
@description('Turn on Key Vault purge protection.')
param enablePurgeProtection bool
@description('The most instances the app scales out to.')
param maximumInstanceCount int
@description('The Entra app registration for App Service Authentication; empty for off.')
param authClientId string
@description('The Key Vault secret with its client secret; empty for none.')
param authClientSecretName string
@description('The tenant that signs users in.')
param authTenantId string
@description('The GitHub Actions OIDC subject to trust; empty for none.')
param githubOidcSubject string

// Names are fixed at the start of the deployment (not read back from resources), so What-If can predict every
// resource, and modules refer to each other by name.
@description('The user-assigned identity\'s name.')
var identityName = 'id-${resourceToken}'
@description('The Application Insights component\'s name.')
var applicationInsightsName = 'appi-${resourceToken}'
@description('The Function App\'s name.')
var functionAppName = 'func-${resourceToken}'

// The one identity the app (and, with githubOidcSubject, the GitHub Action) runs as; every role below is given to it.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

module monitoring 'monitoring.bicep' = {
  params: {
    location: location
    tags: tags
    workspaceName: 'log-${resourceToken}'
    applicationInsightsName: applicationInsightsName
  }
}

module storage 'storage.bicep' = {
  params: {
    location: location
    tags: tags
    name: 'st${resourceToken}'
    publicNetworkAccess: publicNetworkAccess
    auditTableName: audit.tableName
    appIdentityName: identity.name
  }
}

module vault 'keyvault.bicep' = {
  params: {
    location: location
    tags: tags
    name: 'kv-${resourceToken}'
    publicNetworkAccess: publicNetworkAccess
    enablePurgeProtection: enablePurgeProtection
    appIdentityName: identity.name
    operatorPrincipalId: principalId
    operatorPrincipalType: principalType
  }
}

module functionApp 'functionapp.bicep' = {
  params: {
    location: location
    tags: tags
    name: functionAppName
    planName: 'plan-${resourceToken}'
    identityId: identity.id
    identityClientId: identity.properties.clientId
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    vaultName: vault.outputs.name
    vaultUri: vault.outputs.uri
    applicationInsightsName: applicationInsightsName
    maximumInstanceCount: maximumInstanceCount
    fleet: fleet
    policy: policy
    audit: audit
    apiKeys: apiKeys
    chatOps: chatOps
    trustAppServiceAuthentication: !empty(authClientId)
    authClientSecretName: authClientSecretName
  }
  dependsOn: [monitoring]
}

module authentication 'appauth.bicep' = if (!empty(authClientId)) {
  params: {
    functionAppName: functionAppName
    clientId: authClientId
    useClientSecret: !empty(authClientSecretName)
    tenantId: authTenantId
  }
  dependsOn: [functionApp]
}

module githubOidc 'github-oidc.bicep' = if (!empty(githubOidcSubject)) {
  params: {
    identityName: identity.name
    subject: githubOidcSubject
  }
}

@description('The Function App\'s name.')
output functionAppName string = functionAppName
@description('The Function App\'s URL.')
output functionAppUrl string = functionApp.outputs.url
@description('The Key Vault\'s name.')
output keyVaultName string = vault.outputs.name
@description('The Key Vault\'s URI.')
output keyVaultUri string = vault.outputs.uri
@description('The storage account\'s name.')
output storageAccountName string = storage.outputs.name
@description('The client id of the app\'s identity (not a secret).')
output identityClientId string = identity.properties.clientId
