// The Function App: Flex Consumption (FC1, Linux), the isolated .NET worker, run as the user-assigned managed
// identity. Its app settings are the names the app reads (README, "Configuration"); every secret among them is a
// Key Vault reference resolved with the same identity. HTTPS only, TLS 1.2 at least, FTP and basic publishing
// credentials off: azd deploys with a Microsoft Entra token into the deployment blob container.

@description('Name of the Function App (its default host name is <name>.azurewebsites.net).')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region of the plan and the app.')
param location string

@description('Tags applied to the plan and the app.')
param tags object

@description('The azure.yaml service this app hosts (tag azd-service-name, how azd finds where to deploy).')
param serviceName string

@description('.NET version of the isolated worker on Flex Consumption.')
@allowed([
  '8.0'
  '9.0'
  '10.0'
])
param dotnetVersion string

@description('Most instances the plan scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of the user-assigned managed identity.')
param identityClientId string

@description('Blob endpoint of the host and task hub storage account.')
param blobEndpoint string

@description('Queue endpoint of the host and task hub storage account.')
param queueEndpoint string

@description('Table endpoint of the host and task hub storage account.')
param tableEndpoint string

@description('Blob container the plan deploys the app package from.')
param deploymentContainerName string

@description('Connection string of Application Insights (it names the component; it is not a credential).')
param applicationInsightsConnectionString string

@description('URI of the Key Vault, ending with a slash.')
param keyVaultUri string

@description('Names of the Key Vault secrets the settings reference.')
param secretNames {
  chainRpcUrl: string
  approvalSigningKey: string
  operatorApiKey: string
  operatorWebhookUrl: string
  operatorKeystore: string
  operatorKeystorePassphrase: string
}

@description('Whether the vault holds the operator webhook URL secret.')
param hasOperatorWebhookUrl bool

@description('Where contributors reach the service (approval links); empty: https://<default host name>.')
param publicBaseUrl string

@description('EVM chain id.')
param chainId int

@description('Blocks before an anchor counts as confirmed.')
param confirmations int

@description('Fee ceiling in gwei.')
param maxFeePerGasGwei int

@description('How long a pending anchor transaction waits before it is replaced with raised fees (d.hh:mm:ss).')
param stuckAfter string

@description('Trustless IPFS gateways used for verification.')
param ipfsGateways string[]

@description('Gateways that must serve matching bytes.')
param gatewayQuorum int

@description('IPFS nodes pinned to over the Kubo RPC API.')
param ipfsNodes {
  name: string
  rpcUrl: string
}[]

@description('IPFS Pinning Service API providers; the token of each is the Key Vault secret named here.')
param pinningServices {
  name: string
  url: string
  tokenSecretName: string
}[]

@description('Where operator alerts are emailed; empty: no email.')
param operatorEmail string

@description('SMTP server of approval and alert emails.')
param smtpHost string

@description('SMTP port.')
param smtpPort int

@description('Sender mailbox of the emails.')
param smtpFrom string

@description('Whether the SMTP connection requires STARTTLS.')
param smtpUseTls bool

var deploymentContainerUrl = '${blobEndpoint}${deploymentContainerName}'

// Settings read by the Functions host and the app, without the loops below and without PublicBaseUrl (it needs the
// app's host name). Secrets are Key Vault references, never values.
var settings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: blobEndpoint
  AzureWebJobsStorage__queueServiceUri: queueEndpoint
  AzureWebJobsStorage__tableServiceUri: tableEndpoint
  AZURE_CLIENT_ID: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  DevStack__Enabled: 'false'
  Chain__RpcUrl: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.chainRpcUrl}/)'
  Chain__ChainId: string(chainId)
  Chain__Confirmations: string(confirmations)
  Chain__MaxFeePerGasGwei: string(maxFeePerGasGwei)
  Chain__StuckAfter: stuckAfter
  KeyProvider__Kind: 'KeyVault'
  KeyProvider__KeyVaultUri: keyVaultUri
  KeyProvider__KeystoreSecretName: secretNames.operatorKeystore
  KeyProvider__PassphraseSecretName: secretNames.operatorKeystorePassphrase
  KeyProvider__ManagedIdentityClientId: identityClientId
  Approval__SigningKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.approvalSigningKey}/)'
  Operator__ApiKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.operatorApiKey}/)'
  Ipfs__GatewayQuorum: string(gatewayQuorum)
  Smtp__Host: smtpHost
  Smtp__Port: string(smtpPort)
  Smtp__From: smtpFrom
  Smtp__UseTls: string(smtpUseTls)
}

var operatorSettings = union(
  empty(operatorEmail) ? {} : { Operator__Email: operatorEmail },
  hasOperatorWebhookUrl
    ? { Operator__WebhookUrl: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.operatorWebhookUrl}/)' }
    : {}
)

var gatewaySettings = toObject(range(0, length(ipfsGateways)), i => 'Ipfs__Gateways__${i}', i => ipfsGateways[i])

var nodeSettings = reduce(
  range(0, length(ipfsNodes)),
  {},
  (all, i) => union(all, { 'Ipfs__Nodes__${i}__Name': ipfsNodes[i].name, 'Ipfs__Nodes__${i}__RpcUrl': ipfsNodes[i].rpcUrl })
)

var pinningServiceSettings = reduce(
  range(0, length(pinningServices)),
  {},
  (all, i) =>
    union(all, {
      'Ipfs__PinningServices__${i}__Name': pinningServices[i].name
      'Ipfs__PinningServices__${i}__Url': pinningServices[i].url
      'Ipfs__PinningServices__${i}__Token': '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${pinningServices[i].tokenSecretName}/)'
    })
)

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    publicNetworkAccess: 'Enabled'
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
    }
  }

  resource ftp 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scm 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }

  resource appSettings 'config' = {
    name: 'appsettings'
    properties: union(settings, operatorSettings, gatewaySettings, nodeSettings, pinningServiceSettings, {
      PublicBaseUrl: empty(publicBaseUrl) ? 'https://${app.properties.defaultHostName}' : publicBaseUrl
    })
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
output publicBaseUrl string = empty(publicBaseUrl) ? 'https://${app.properties.defaultHostName}' : publicBaseUrl
