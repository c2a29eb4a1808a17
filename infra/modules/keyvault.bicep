// The vault for the WHM/cPanel tokens and the chat signing secrets: Azure RBAC authorization (no access policies),
// soft delete, optional purge protection. The template puts no secret in it; README's deploy section says how.

import { resourceTags } from 'appsettings.bicep'

@description('The region of every resource.')
param location string
@description('Tags for every resource (azd-env-name).')
param tags resourceTags
@description('The vault\'s name (3 to 24 letters, digits and hyphens).')
param name string
@description('Allow access from public networks; false needs private endpoints.')
param publicNetworkAccess bool
@description('Turn on purge protection (it cannot be turned off again).')
param enablePurgeProtection bool

@description('The app\'s user-assigned identity: given Key Vault Secrets User (read secrets) here.')
param appIdentityName string

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: appIdentityName
}

@description('Whoever runs the deployment, to put the secrets in: Key Vault Secrets Officer. Empty: nobody.')
param operatorPrincipalId string
@description('The kind of principal operatorPrincipalId is: User, Group or ServicePrincipal.')
param operatorPrincipalType string

// Built-in role definition ids (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
@description('Key Vault Secrets User: read secret values.')
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
@description('Key Vault Secrets Officer: manage secrets.')
var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: publicNetworkAccess ? 'Enabled' : 'Disabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: publicNetworkAccess ? 'Allow' : 'Deny'
    }
  }
}

resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appIdentity.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

resource operatorSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(vault.id, operatorPrincipalId, keyVaultSecretsOfficer)
  scope: vault
  properties: {
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
  }
}

@description('The vault\'s name.')
output name string = vault.name
@description('The vault\'s URI, e.g. https://NAME.vault.azure.net/.')
output uri string = vault.properties.vaultUri
