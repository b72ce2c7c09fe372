// Built-in Azure role definition ids (the same in every tenant), named once so every assignment says which role it grants.

@export()
@description('Read, write and delete blobs and containers, set their ACLs: the Functions host (leases, deployment package) and the task hub.')
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'

@export()
@description('Read, write and delete queue messages: the task hub control and work-item queues.')
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'

@export()
@description('Read, write and delete table entities: the task hub history and instance tables, and the app\'s own tables.')
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

@export()
@description('Read secret values: the app\'s Key Vault references and the operator key.')
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

@export()
@description('Create, update and delete secrets: the deployer who puts the operator key into the vault.')
var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

@export()
@description('Send telemetry to Application Insights with a Microsoft Entra token instead of the instrumentation key alone.')
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'
