// Optional: App Service Authentication (Microsoft Entra ID) in front of the browser endpoint GET /api/webmail/launch.
// Every other endpoint is excluded: their callers (portals with an API key, Slack, Teams and GitHub webhooks, the
// platform's health probe) cannot sign in interactively, and keep their function key and own checks. With this
// on, the template sets Api__TrustAppServiceAuthentication=true so the app reads the signed-in user from the
// X-MS-CLIENT-PRINCIPAL header the platform sets (and strips from client requests).

import { authenticationSecretSettingName } from 'appsettings.bicep'

@description('The Function App to protect.')
param functionAppName string

@description('The client (application) id of the Entra app registration users sign in to.')
param clientId string

@description('Whether the app registration\'s client secret is in the app setting named below (a Key Vault reference); false uses the implicit flow.')
param useClientSecret bool

@description('The tenant that signs users in.')
param tenantId string

resource site 'Microsoft.Web/sites@2024-11-01' existing = {
  name: functionAppName
}

resource authSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
      runtimeVersion: '~1'
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: [
        '/api/webmail/sessions'
        '/api/cpanel/sessions'
        '/api/health'
        '/api/health/details'
        '/api/chatops/slack'
        '/api/chatops/teams'
        '/api/chatops/github'
      ]
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: clientId
          clientSecretSettingName: useClientSecret ? authenticationSecretSettingName : null
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${clientId}'
            clientId
          ]
        }
      }
    }
    login: {
      // The app needs only the signed-in principal (X-MS-CLIENT-PRINCIPAL), not the user's tokens: store none.
      tokenStore: {
        enabled: false
      }
    }
  }
}
