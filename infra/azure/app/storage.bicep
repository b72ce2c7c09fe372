// The storage account of the Functions host and the Durable Task hub (Azure Storage provider): blobs (leases,
// large messages, the deployment package), queues (control and work items) and tables (history, instances, the
// app's own tables). Shared keys are off: every caller signs in with Microsoft Entra ID.

import { storageBlobDataOwner, storageQueueDataContributor, storageTableDataContributor } from 'roles.bicep'

@description('Name of the storage account (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the account.')
param location string

@description('Tags applied to the account.')
param tags object

@description('Blob container the Flex Consumption plan deploys the app package to.')
param deploymentContainerName string

@description('Principal id of the app\'s user-assigned managed identity.')
param appPrincipalId string

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }

  resource blobs 'blobServices' = {
    name: 'default'
    properties: {
      deleteRetentionPolicy: {
        enabled: true
        days: 7
      }
    }

    resource deployment 'containers' = {
      name: deploymentContainerName
      properties: {
        publicAccess: 'None'
      }
    }
  }
}

// What Durable Functions on the Azure Storage provider needs, and nothing of the control plane: no Storage Account
// Contributor, which could list the account keys and turn shared-key access back on.
var appRoles = [
  storageBlobDataOwner
  storageQueueDataContributor
  storageTableDataContributor
]

resource appRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in appRoles: {
    name: guid(storage.id, appPrincipalId, role)
    scope: storage
    properties: {
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]

output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
