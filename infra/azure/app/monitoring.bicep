// Application Insights on a Log Analytics workspace: the Functions host's logs and the app's OpenTelemetry traces and
// metrics (Azure Monitor exporter). Local (instrumentation key) authentication is off: ingestion needs a Microsoft
// Entra token of the app's identity, which holds Monitoring Metrics Publisher on the component.

import { monitoringMetricsPublisher } from 'roles.bicep'

@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Azure region of both.')
param location string

@description('Tags applied to both.')
param tags object

@description('Days the workspace keeps data (30 are included in the ingestion price).')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

@description('Most gigabytes the workspace ingests a day before it stops until the next day (-1: no cap).')
param dailyQuotaGb int

@description('Principal id of the app\'s user-assigned managed identity.')
param appPrincipalId string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    workspaceCapping: {
      dailyQuotaGb: dailyQuotaGb
    }
    publicNetworkAccessForIngestion: 'Enabled'
    publicNetworkAccessForQuery: 'Enabled'
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
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
  }
}

resource publisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, appPrincipalId, monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
  }
}

output name string = applicationInsights.name
output connectionString string = applicationInsights.properties.ConnectionString
