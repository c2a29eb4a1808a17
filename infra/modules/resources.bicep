// Everything in the resource group: identity, monitoring, storage, Key Vault, the Flex Consumption plan and the
// Function App, the role assignments the app needs, and the optional modules.

import { fleetSettings, policySettings, auditSettings, apiKey, chatOpsSettings } from 'appsettings.bicep'

param location string
param tags object
param resourceToken string
param principalId string
param principalType string
param fleet fleetSettings
param policy policySettings
param audit auditSettings
param apiKeys apiKey[]
param chatOps chatOpsSettings
param publicNetworkAccess bool
param enablePurgeProtection bool
param maximumInstanceCount int
param authClientId string
param authClientSecretName string
param authTenantId string
param githubOidcSubject string

// Names are fixed at the start of the deployment (not read back from resources), so What-If can predict every
// resource, and modules refer to each other by name.
var identityName = 'id-${resourceToken}'
var applicationInsightsName = 'appi-${resourceToken}'
var functionAppName = 'func-${resourceToken}'

// The one identity the app (and, with githubOidcSubject, the GitHub Action) runs as; every role below is given to it.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

module monitoring 'monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    workspaceName: 'log-${resourceToken}'
    applicationInsightsName: applicationInsightsName
  }
}

module storage 'storage.bicep' = {
  name: 'storage'
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
  name: 'keyvault'
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
  name: 'functionapp'
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
  name: 'appauth'
  params: {
    functionAppName: functionAppName
    clientId: authClientId
    useClientSecret: !empty(authClientSecretName)
    tenantId: authTenantId
  }
  dependsOn: [functionApp]
}

module githubOidc 'github-oidc.bicep' = if (!empty(githubOidcSubject)) {
  name: 'github-oidc'
  params: {
    identityName: identity.name
    subject: githubOidcSubject
  }
}

output functionAppName string = functionAppName
output functionAppUrl string = functionApp.outputs.url
output keyVaultName string = vault.outputs.name
output keyVaultUri string = vault.outputs.uri
output storageAccountName string = storage.outputs.name
output identityClientId string = identity.properties.clientId
