// Optional: lets a GitHub Actions workflow sign in as the app's user-assigned identity with OIDC (azure/login with
// client-id = AZURE_MANAGED_IDENTITY_CLIENT_ID), no stored secret: the Action then reads the same vault and writes
// the same audit table as the app, with exactly the app's roles.

@description('The user-assigned identity the workflow signs in as.')
param identityName string

@description('The workflow token\'s subject, e.g. repo:acme/ops:environment:production or repo:acme/ops:ref:refs/heads/main.')
param subject string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource githubActions 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: identity
  name: 'github-actions'
  properties: {
    issuer: 'https://token.actions.githubusercontent.com'
    subject: subject
    audiences: [
      'api://AzureADTokenExchange'
    ]
  }
}
