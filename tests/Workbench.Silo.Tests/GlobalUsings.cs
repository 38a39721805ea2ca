global using Orleans;
global using Orleans.Runtime;
global using Workbench.Testing;
global using Xunit;
