// Durable Task Scheduler: the managed Durable backend (a scheduler and one task hub), used when
// durableBackend = DurableTaskScheduler. Access is by identity only (Durable Task Data Contributor).
@description('Name of the scheduler (3-64 letters, digits and hyphens).')
param name string

@description('Name of the task hub; the app reads it from TASKHUB_NAME.')
param taskHubName string

@description('Azure region of the scheduler.')
param location string

@description('Tags applied to the scheduler.')
param tags object = {}

@allowed([
  'Consumption'
  'Dedicated'
])
@description('Consumption bills per action; Dedicated reserves capacity units for steady high throughput.')
param skuName string = 'Consumption'

@minValue(1)
@description('Capacity units, used by the Dedicated SKU only.')
param capacity int = 1

@description('Addresses allowed to reach the scheduler; callers still need the data role.')
param ipAllowlist array = [
  '0.0.0.0/0'
]

@description('Principals granted Durable Task Data Contributor: objects with principalId and principalType.')
param dataContributors array

// Built-in role "Durable Task Data Contributor".
var durableTaskDataContributor = '0ad04412-c4d5-4796-b79c-f76d14c8d402'

resource scheduler 'Microsoft.DurableTask/schedulers@2025-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    ipAllowlist: ipAllowlist
    sku: skuName == 'Dedicated'
      ? {
          name: skuName
          capacity: capacity
        }
      : {
          name: skuName
        }
  }
}

resource taskHub 'Microsoft.DurableTask/schedulers/taskHubs@2025-11-01' = {
  parent: scheduler
  name: taskHubName
}

resource dataContributorAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for contributor in dataContributors: {
    name: guid(scheduler.id, contributor.principalId, durableTaskDataContributor)
    scope: scheduler
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', durableTaskDataContributor)
      principalId: contributor.principalId
      principalType: contributor.principalType
    }
  }
]

output name string = scheduler.name
output endpoint string = scheduler.properties.endpoint
output taskHubName string = taskHub.name
output dashboardUrl string = taskHub.properties.dashboardUrl
