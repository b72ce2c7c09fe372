using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Mining.Functions.App;

/// <summary>
/// The <see cref="TaskActivityContext"/> an activity class gets when an <c>[ActivityTrigger]</c> function runs it: the
/// function's name and, from the trigger's binding data, the orchestration instance that scheduled it.
/// </summary>
internal sealed class FunctionActivityContext(FunctionContext function) : TaskActivityContext
{
    public override TaskName Name { get; } = function.FunctionDefinition.Name;

    public override string InstanceId { get; } =
        function.BindingContext.BindingData.TryGetValue("instanceId", out var id) && id is not null ? id.ToString()! : string.Empty;
}
