// The Function App on the Flex Consumption plan (.NET 10 isolated worker, Linux), running as the user-assigned
// identity: deployment package, host storage, Key Vault and audit table all reached by identity, never by key.

import { appSettings, fleetSettings, policySettings, auditSettings, apiKey, chatOpsSettings, resourceTags } from 'appsettings.bicep'

@description('The region of every resource.')
param location string
@description('Tags for every resource (azd-env-name).')
param tags resourceTags
@description('The Function App\'s name.')
param name string
@description('The Flex Consumption plan\'s name.')
param planName string
@description('The resource id of the user-assigned identity the app runs as.')
param identityId string
@description('That identity\'s client id.')
param identityClientId string
@description('The storage account of the host and the deployment package.')
param storageAccountName string
@description('Its blob endpoint.')
param blobEndpoint string
@description('Its table endpoint.')
param tableEndpoint string
@description('Its queue endpoint.')
param queueEndpoint string
@description('The container Flex Consumption deploys from.')
param deploymentContainerName string
@description('The Key Vault\'s name.')
param vaultName string
@description('The Key Vault\'s URI.')
param vaultUri string
@description('The Application Insights component\'s name.')
param applicationInsightsName string
@description('The most instances the app scales out to.')
param maximumInstanceCount int
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
@description('Whether App Service Authentication is on.')
param trustAppServiceAuthentication bool

@description('App Service Authentication\'s client secret in the vault, by name; empty for none.')
param authClientSecretName string

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

@description('Every app setting, computed in appsettings.bicep.')
var settings = appSettings({
  fleet: fleet
  policy: policy
  audit: audit
  apiKeys: apiKeys
  trustAppServiceAuthentication: trustAppServiceAuthentication
  chatOps: chatOps
  platform: {
    storageAccountName: storageAccountName
    tableEndpoint: tableEndpoint
    queueEndpoint: queueEndpoint
    identityClientId: identityClientId
    vaultUri: vaultUri
    applicationInsightsConnectionString: applicationInsights.properties.ConnectionString
    authenticationSecretReference: empty(authClientSecretName)
      ? null
      : '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=${authClientSecretName})'
  }
})

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  // azd finds the app to deploy the `functions` service into by this tag.
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        // No always-ready instances: the app scales to zero and costs no compute while idle.
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: 2048
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: map(items(settings), setting => { name: setting.key, value: setting.value })
    }
  }
}

// No FTP or SCM (Kudu) basic-auth publishing credentials: azd deploys with Microsoft Entra tokens.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'ftp'
  properties: { allow: false }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'scm'
  properties: { allow: false }
}

@description('The app\'s URL.')
output url string = 'https://${site.properties.defaultHostName}'
