// Mining.Functions on Azure: one resource group per azd environment holding the Function App (Flex Consumption,
// isolated .NET worker), its storage account (Functions host and Durable Task hub, Microsoft Entra ID only), Key Vault
// (RBAC, purge protection), Application Insights on Log Analytics, and the one user-assigned managed identity the app
// runs as. `azd up` provisions this file with main.parameters.json; docs/deploy.md walks through it.
targetScope = 'subscription'

@description('Name of the azd environment; names the resource group and seeds the unique resource names.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Azure region of every resource (one that offers the Flex Consumption plan).')
@minLength(1)
param location string

@description('Object id of the deployer (azd sets AZURE_PRINCIPAL_ID): gets Key Vault Secrets Officer to set the operator key. Empty: nobody.')
param principalId string = ''

@description('Whether the deployer is a user or a service principal (a pipeline).')
@allowed([
  'User'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('.NET version of the isolated worker; Flex Consumption runs dotnet-isolated 8.0, 9.0 and 10.0, and the app targets net10.0.')
@allowed([
  '8.0'
  '9.0'
  '10.0'
])
param dotnetVersion string = '10.0'

@description('Most instances the Flex Consumption plan scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 10

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Where contributors reach the service (approval links); empty: https://<the app\'s default host name>.')
param publicBaseUrl string = ''

@secure()
@description('JSON-RPC URL of the EVM chain (Chain__RpcUrl); kept in Key Vault because providers put their API key in it.')
@minLength(1)
param chainRpcUrl string

@description('Chain id (Chain__ChainId): 11155111 for Sepolia, 84532 for Base Sepolia, 421614 for Arbitrum Sepolia.')
@minValue(1)
param chainId int

@description('Blocks before an anchor counts as confirmed (Chain__Confirmations).')
@minValue(1)
param confirmations int = 12

@description('Fee ceiling in gwei (Chain__MaxFeePerGasGwei): exceeding it is an error, never an overpay.')
@minValue(1)
param maxFeePerGasGwei int = 200

@description('How long a pending anchor transaction waits before it is replaced at the same nonce with raised fees (Chain__StuckAfter).')
param chainStuckAfter string = '00:03:00'

@description('Trustless IPFS gateways used for verification, comma-separated (Ipfs__Gateways__N); at least gatewayQuorum of them.')
@minLength(1)
param ipfsGateways string

@description('Gateways that must serve matching bytes (Ipfs__GatewayQuorum, at least 2).')
@minValue(2)
param gatewayQuorum int = 2

@description('Pin targets reached over the Kubo RPC API, comma-separated URLs (Ipfs__Nodes__N__RpcUrl); named node-0, node-1, ...')
@minLength(1)
param ipfsNodeUrls string

@description('Pin targets reached over the IPFS Pinning Service API, comma-separated URLs (Ipfs__PinningServices__N__Url); the token of the N-th is the Key Vault secret ipfs-pinning-service-N-token.')
param pinningServiceUrls string = ''

@description('Where operator alerts are emailed (Operator__Email); empty: no alert email.')
param operatorEmail string = ''

@secure()
@description('Where operator alerts are POSTed (Operator__WebhookUrl), kept in Key Vault; empty: no webhook.')
param operatorWebhookUrl string = ''

@secure()
@description('The operator\'s API key (Operator__ApiKey), kept in Key Vault: at least 32 characters.')
@minLength(32)
param operatorApiKey string

@secure()
@description('Base64 of at least 32 random bytes (Approval__SigningKey), kept in Key Vault: `openssl rand -base64 32`.')
@minLength(44)
param approvalSigningKey string

@description('SMTP server of approval and alert emails (Smtp__Host).')
@minLength(1)
param smtpHost string

@description('SMTP port (Smtp__Port); Azure blocks outbound port 25, so a submission port such as 587.')
@minValue(1)
@maxValue(65535)
param smtpPort int = 587

@description('Sender mailbox of the emails (Smtp__From).')
param smtpFrom string = 'Mining.Functions <no-reply@mining.local>'

@description('Whether the SMTP connection requires STARTTLS (Smtp__UseTls).')
param smtpUseTls bool = true

@description('Most gigabytes Log Analytics ingests a day (-1: no cap); caps the monitoring bill.')
param logDailyQuotaGb int = 1

@description('Days a deleted Key Vault or secret stays recoverable (7-90); purge protection forbids purging it sooner.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 7

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = 'func-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'

// The names the app reads the operator key under (KeyProviderSettings' defaults) and the other secrets.
var secretNames = {
  chainRpcUrl: 'chain-rpc-url'
  approvalSigningKey: 'approval-signing-key'
  operatorApiKey: 'operator-api-key'
  operatorWebhookUrl: 'operator-webhook-url'
  operatorKeystore: 'operator-keystore'
  operatorKeystorePassphrase: 'operator-keystore-passphrase'
}

var gatewayList = filter(map(split(ipfsGateways, ','), url => trim(url)), url => !empty(url))
var nodeUrlList = filter(map(split(ipfsNodeUrls, ','), url => trim(url)), url => !empty(url))
var pinningServiceUrlList = filter(map(split(pinningServiceUrls, ','), url => trim(url)), url => !empty(url))

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: resourceGroup
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    appPrincipalId: identity.outputs.principalId
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
    dailyQuotaGb: logDailyQuotaGb
    appPrincipalId: identity.outputs.principalId
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: resourceGroup
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    appPrincipalId: identity.outputs.principalId
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    secretNames: {
      chainRpcUrl: secretNames.chainRpcUrl
      approvalSigningKey: secretNames.approvalSigningKey
      operatorApiKey: secretNames.operatorApiKey
      operatorWebhookUrl: secretNames.operatorWebhookUrl
    }
    chainRpcUrl: chainRpcUrl
    approvalSigningKey: approvalSigningKey
    operatorApiKey: operatorApiKey
    operatorWebhookUrl: operatorWebhookUrl
  }
}

module functions 'app/functions.bicep' = {
  name: 'functions'
  scope: resourceGroup
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    serviceName: 'api'
    dotnetVersion: dotnetVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    keyVaultUri: keyVault.outputs.uri
    secretNames: secretNames
    hasOperatorWebhookUrl: !empty(operatorWebhookUrl)
    publicBaseUrl: publicBaseUrl
    chainId: chainId
    confirmations: confirmations
    maxFeePerGasGwei: maxFeePerGasGwei
    stuckAfter: chainStuckAfter
    ipfsGateways: gatewayList
    gatewayQuorum: gatewayQuorum
    ipfsNodes: map(range(0, length(nodeUrlList)), i => { name: 'node-${i}', rpcUrl: nodeUrlList[i] })
    pinningServices: map(range(0, length(pinningServiceUrlList)), i => {
      name: 'pinning-service-${i}'
      url: pinningServiceUrlList[i]
      tokenSecretName: 'ipfs-pinning-service-${i}-token'
    })
    operatorEmail: operatorEmail
    smtpHost: smtpHost
    smtpPort: smtpPort
    smtpFrom: smtpFrom
    smtpUseTls: smtpUseTls
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_FUNCTION_APP_NAME string = functions.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.name
output PUBLIC_BASE_URL string = functions.outputs.publicBaseUrl
