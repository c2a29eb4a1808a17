// The app's storage account, reached only by Microsoft Entra identity (shared keys off): the deployment package
// (blob), the Functions host's own state (blob: keys and locks; queue: its internal queues), the audit table, and
// the tables and queue issue #17 adds (shared rate limits, webhook de-duplication, background work).

import { rateLimitTableName, deliveryTableName, workQueueName, resourceTags } from 'appsettings.bicep'

@description('The region of every resource.')
param location string
@description('Tags for every resource (azd-env-name).')
param tags resourceTags
@description('The storage account\'s name (3 to 24 lower-case letters and digits).')
param name string
@description('Allow access from public networks; false needs private endpoints.')
param publicNetworkAccess bool
@description('The audit table (Audit:TableName).')
param auditTableName string

@description('The app\'s user-assigned identity: given Blob Data Owner, Table Data Contributor and Queue Data Contributor here.')
param appIdentityName string

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: appIdentityName
}

@description('The blob container Flex Consumption deploys the app package from.')
var deploymentContainerName = 'app-package'

// Built-in role definition ids (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
@description('Storage Blob Data Owner.')
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
@description('Storage Table Data Contributor.')
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
@description('Storage Queue Data Contributor.')
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: publicNetworkAccess ? 'Enabled' : 'Disabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: publicNetworkAccess ? 'Allow' : 'Deny'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: account
  name: 'default'
}

// Flex Consumption deploys from this container.
resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource auditTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2024-01-01' = {
  parent: tableService
  name: auditTableName
}

// Shared rate-limit windows and webhook de-duplication across instances (SharedState; #17).
resource rateLimitTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2024-01-01' = {
  parent: tableService
  name: rateLimitTableName
}

resource deliveryTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2024-01-01' = {
  parent: tableService
  name: deliveryTableName
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2024-01-01' = {
  parent: account
  name: 'default'
}

// For #17: chat commands that miss their inline budget are worked off this queue (not used by the app yet).
resource workQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01' = {
  parent: queueService
  name: workQueueName
}

// Account scope: besides the deployment container, the Functions host keeps its keys (azure-webjobs-secrets) and
// locks (azure-webjobs-hosts) in blobs of this account, and the audit/#17 tables and queues live here too.
resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, appIdentity.id, storageBlobDataOwner)
  scope: account
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
  }
}

resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, appIdentity.id, storageTableDataContributor)
  scope: account
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
  }
}

resource queueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, appIdentity.id, storageQueueDataContributor)
  scope: account
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributor)
  }
}

@description('The storage account\'s name.')
output name string = account.name
@description('The blob endpoint, e.g. https://NAME.blob.core.windows.net/.')
output blobEndpoint string = account.properties.primaryEndpoints.blob
@description('The table endpoint, e.g. https://NAME.table.core.windows.net/.')
output tableEndpoint string = account.properties.primaryEndpoints.table
@description('The deployment container\'s name.')
output deploymentContainerName string = deploymentContainer.name
