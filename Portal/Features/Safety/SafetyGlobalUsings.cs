// The manager workspace (Credit) flags hazards by the tracker's due-soon window and names the service unqualified;
// this alias keeps that file compiling unchanged while it is being edited elsewhere. Replace it with a
// `using Portal.Features.Safety;` in ManagerWorkspaceService.cs when convenient.
global using HazardService = Portal.Features.Safety.HazardService;
