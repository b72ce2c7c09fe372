// The Key Vault of the app's secrets. Access is by Azure RBAC only (no access policies); soft delete and purge
// protection keep a deleted secret, the operator key above all, recoverable for the retention period.
//
// Secrets written here from @secure() parameters: the chain RPC URL (providers put their API key in it), the approval
// signing key, the operator API key and, when given, the operator webhook URL. The operator's keystore and its
// passphrase never pass through a deployment: the deployer sets them with `az keyvault secret set` (docs/deploy.md).

import { keyVaultSecretsOfficer, keyVaultSecretsUser } from 'roles.bicep'

@description('Name of the vault (3-24 letters, digits and hyphens, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the vault.')
param location string

@description('Tags applied to the vault.')
param tags object

@description('Principal id of the app\'s user-assigned managed identity (gets Key Vault Secrets User).')
param appPrincipalId string

@description('Principal id of the deployer (gets Key Vault Secrets Officer to set the operator key); empty: nobody.')
param deployerPrincipalId string

@description('Whether the deployer is a user or a service principal (a pipeline).')
@allowed([
  'User'
  'ServicePrincipal'
])
param deployerPrincipalType string

@description('Days a deleted vault or secret can be recovered (7-90). Purge protection forbids purging it before then.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Names of the secrets, as the app settings reference them.')
param secretNames {
  chainRpcUrl: string
  approvalSigningKey: string
  operatorApiKey: string
  operatorWebhookUrl: string
}

@secure()
@description('JSON-RPC URL of the chain (may contain the provider\'s API key).')
param chainRpcUrl string

@secure()
@description('Base64 of at least 32 random bytes: the HMAC key of approval links.')
param approvalSigningKey string

@secure()
@description('The operator\'s API key.')
param operatorApiKey string

@secure()
@description('Where operator alerts are POSTed; empty: no webhook secret is written.')
param operatorWebhookUrl string

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
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }

  resource chainRpcUrlSecret 'secrets' = {
    name: secretNames.chainRpcUrl
    properties: {
      value: chainRpcUrl
      contentType: 'text/plain'
    }
  }

  resource approvalSigningKeySecret 'secrets' = {
    name: secretNames.approvalSigningKey
    properties: {
      value: approvalSigningKey
      contentType: 'application/octet-stream;base64'
    }
  }

  resource operatorApiKeySecret 'secrets' = {
    name: secretNames.operatorApiKey
    properties: {
      value: operatorApiKey
      contentType: 'text/plain'
    }
  }

  resource operatorWebhookUrlSecret 'secrets' = if (!empty(operatorWebhookUrl)) {
    name: secretNames.operatorWebhookUrl
    properties: {
      value: operatorWebhookUrl
      contentType: 'text/plain'
    }
  }
}

resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appPrincipalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

resource deployerSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(vault.id, deployerPrincipalId, keyVaultSecretsOfficer)
  scope: vault
  properties: {
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
