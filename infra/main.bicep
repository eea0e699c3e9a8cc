// BESOrchestrator on Azure Functions Flex Consumption: one resource group holding the function app,
// its identity, storage, Key Vault, monitoring and (optionally) a Durable Task Scheduler.
// `azd up` fills the parameters from infra/main.parameters.json; see docs/deploy.md.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; makes resource names unique per environment.')
param environmentName string

@minLength(1)
@description('Region for every resource. Must offer Flex Consumption (and the scheduler, if used).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Resource group name; empty derives rg-<environmentName>.')
param resourceGroupName string = ''

@description('Object id of the deploying user (azd sets AZURE_PRINCIPAL_ID); empty grants nobody but the app.')
param principalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
])
@description('Kind of principalId: User at a desk, ServicePrincipal in a pipeline.')
param principalType string = 'User'

@description('Also let principalId set and rotate Key Vault secrets (Key Vault Secrets Officer).')
param principalIsKeyVaultSecretsOfficer bool = false

@allowed([
  'AzureStorage'
  'DurableTaskScheduler'
])
@description('Durable Functions backend: AzureStorage (default) or the managed Durable Task Scheduler.')
param durableBackend string = 'AzureStorage'

@allowed([
  'Consumption'
  'Dedicated'
])
@description('Durable Task Scheduler SKU (used only with the DurableTaskScheduler backend).')
param durableTaskSchedulerSku string = 'Consumption'

@minValue(1)
@description('Durable Task Scheduler capacity units (Dedicated SKU only).')
param durableTaskSchedulerCapacity int = 1

@description('Region of the Durable Task Scheduler, where the app\'s region does not offer it.')
param durableTaskSchedulerLocation string = location

@minLength(3)
@maxLength(45)
@description('Durable task hub name (letters and digits, starting with a letter); TASKHUB_NAME in the app.')
param taskHubName string = 'besorchestrator'

@minValue(1)
@maxValue(1000)
@description('Flex Consumption: maximum number of instances the app scales out to.')
param maximumInstanceCount int = 40

@allowed([
  512
  2048
  4096
])
@description('Flex Consumption: memory per instance in MB.')
param instanceMemoryMB int = 2048

@allowed([
  'Enabled'
  'Disabled'
])
@description('Key Vault public network access. Disabled needs a private endpoint + VNet integration (not in this template).')
param keyVaultPublicNetworkAccess string = 'Enabled'

@description('Key vault name; empty derives kv-<token>. Set it to reuse a name after `azd down` (purge protection keeps deleted vault names reserved).')
param keyVaultName string = ''

@minValue(30)
@maxValue(730)
@description('Days Log Analytics keeps logs.')
param logRetentionInDays int = 30

@description('SSG API base URL: https://public-api.ssg-wsg.sg for OAuth apps, https://api.ssg-wsg.sg for certificate (mTLS) apps.')
param ssgBaseUrl string = 'https://public-api.ssg-wsg.sg'

@allowed([
  'oauth'
  'mtls'
])
@description('How the app authenticates to SSG.')
param ssgAuthMode string = 'oauth'

@description('BESTraining (TadaBase) API base URL.')
param tadabaseBaseUrl string = 'https://api.tadabase.io/api/v1'

@minValue(1)
@description('TadaBase plan limit: requests per minute.')
param tadabaseRequestsPerMinute int = 60

@minValue(1)
@description('TadaBase plan limit: requests per day.')
param tadabaseRequestsPerDay int = 1000

@description('BESCognitive Agent base URL; empty = the app sends no agent events.')
param agentBaseUrl string = ''

@description('NCRONTAB (UTC) for the scheduled sync, e.g. 0 0 */6 * * *; empty turns the timer off.')
param syncSchedule string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'besorchestrator'
}
var useScheduler = durableBackend == 'DurableTaskScheduler'
var functionAppName = '${abbrs.webSitesFunctions}besorch-${resourceToken}'
// Container names: 3-63 lowercase letters, digits and hyphens.
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(toLower(uniqueString(functionAppName, resourceToken)), 7)}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}besorch-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: !empty(keyVaultName) ? keyVaultName : '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    publicNetworkAccess: keyVaultPublicNetworkAccess
  }
}

module appRoles 'app/rbac.bicep' = {
  name: 'appRoles'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    principalId: identity.outputs.principalId
    principalType: 'ServicePrincipal'
  }
}

// The deploying user gets the app's roles so `func start` / devhost can run against these resources.
module principalRoles 'app/rbac.bicep' = if (!empty(principalId)) {
  name: 'principalRoles'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    principalId: principalId
    principalType: principalType
    isKeyVaultSecretsOfficer: principalIsKeyVaultSecretsOfficer
  }
}

module scheduler 'app/durable-task-scheduler.bicep' = if (useScheduler) {
  name: 'durableTaskScheduler'
  scope: rg
  params: {
    name: '${abbrs.durableTaskSchedulers}${resourceToken}'
    taskHubName: taskHubName
    location: durableTaskSchedulerLocation
    tags: tags
    skuName: durableTaskSchedulerSku
    capacity: durableTaskSchedulerCapacity
    dataContributors: concat(
      [
        {
          principalId: identity.outputs.principalId
          principalType: 'ServicePrincipal'
        }
      ],
      empty(principalId)
        ? []
        : [
            {
              principalId: principalId
              principalType: principalType
            }
          ]
    )
  }
}

module functionApp 'app/function-app.bicep' = {
  name: 'functionApp'
  scope: rg
  // The host starts as soon as settings land; with its roles already granted it does not
  // begin with a burst of 403s from storage.
  dependsOn: [
    appRoles
  ]
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    serviceName: 'besorchestrator'
    identityId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    durableTaskSchedulerEndpoint: useScheduler ? scheduler!.outputs.endpoint : ''
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    // Settings of the app's config schema (shared/config). Secrets are not here: the app reads them
    // from KEY_VAULT_URI with its identity.
    appSettings: {
      TASKHUB_NAME: taskHubName
      KEY_VAULT_URI: keyVault.outputs.uri
      SSG_BASE_URL: ssgBaseUrl
      SSG_AUTH_MODE: ssgAuthMode
      TADABASE_BASE_URL: tadabaseBaseUrl
      TADABASE_REQUESTS_PER_MINUTE: string(tadabaseRequestsPerMinute)
      TADABASE_REQUESTS_PER_DAY: string(tadabaseRequestsPerDay)
      AGENT_BASE_URL: agentBaseUrl
      SYNC_SCHEDULE: syncSchedule
    }
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_FUNCTION_APP_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output KEY_VAULT_URI string = keyVault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output TASKHUB_NAME string = taskHubName
output DURABLE_BACKEND string = durableBackend
output DURABLE_TASK_SCHEDULER_ENDPOINT string = useScheduler ? scheduler!.outputs.endpoint : ''
output DURABLE_TASK_SCHEDULER_DASHBOARD_URL string = useScheduler ? scheduler!.outputs.dashboardUrl : ''
