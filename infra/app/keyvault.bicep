// Key Vault for the partner credentials. Access is RBAC only (no access policies); soft delete and
// purge protection keep a deleted or overwritten secret recoverable.
// The template never writes secret values: ops set them (docs/deploy.md). Names the app reads:
//   ssg-client-id, ssg-client-secret, ssg-encryption-key, ssg-client-certificate,
//   tadabase-app-id, tadabase-app-key, tadabase-app-secret, agent-signing-secret
@description('Name of the key vault (3-24 letters, digits and hyphens).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the key vault.')
param location string

@description('Tags applied to the key vault.')
param tags object = {}

@allowed([
  'Enabled'
  'Disabled'
])
@description('Disabled needs a private endpoint and VNet integration for the app, which this template does not create.')
param publicNetworkAccess string = 'Enabled'

@minValue(7)
@maxValue(90)
@description('Days a deleted secret stays recoverable. Fixed once the vault exists.')
param softDeleteRetentionInDays int = 90

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: publicNetworkAccess
    networkAcls: {
      defaultAction: publicNetworkAccess == 'Enabled' ? 'Allow' : 'Deny'
      bypass: 'AzureServices'
    }
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
