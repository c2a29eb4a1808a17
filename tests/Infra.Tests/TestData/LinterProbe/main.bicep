// Breaks Bicep linter rules on purpose: TemplateBuildTests lints it with infra/bicepconfig.json to check that our rule
// names are the CLI's and that the config raises them to error. Not deployed, not under infra/.
param unused string
@secure()
param password string = 'not-a-secret'
param anything any
var region = resourceGroup().location
var joined = concat('x', 'y')
var quoted = { 'simple': 1 }
var nothing = json('null')
resource existingVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'vault'
}
resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'probe${uniqueString(resourceGroup().id)}'
  location: 'westus'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
}
resource share 'Microsoft.Storage/storageAccounts/fileServices@2023-05-01' = {
  name: '${account.name}/default'
  dependsOn: [account]
}
resource deployment 'Microsoft.Resources/deployments@2022-09-01' = {
  name: 'nested'
  properties: { mode: 'Incremental', template: {} }
}
output text string = '${password}'
output url string = 'https://management.azure.com/'
output key string = account.listKeys().keys[0].value
output values object = { region: region, joined: joined, quoted: quoted, nothing: nothing, anything: anything }
