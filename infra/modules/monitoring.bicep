// Application Insights over a Log Analytics workspace: the Functions host's logs and requests, and the app's traces.

import { resourceTags } from 'appsettings.bicep'

@description('The region of every resource.')
param location string
@description('Tags for every resource (azd-env-name).')
param tags resourceTags
@description('The Log Analytics workspace\'s name.')
param workspaceName string
@description('The Application Insights component\'s name.')
param applicationInsightsName string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}
