using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Usage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "UsageAlerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AccountId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DedupeKey = table.Column<string>(type: "nvarchar(120)", maxLength: 120, nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Value = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Limit = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    ByBill = table.Column<bool>(type: "bit", nullable: false),
                    RaisedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageAlerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UsageAlerts_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UsageAlertSettings",
                columns: table => new
                {
                    AccountId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MonthlyKwhThreshold = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    MonthlyBillThreshold = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    TierAlerts = table.Column<bool>(type: "bit", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageAlertSettings", x => x.AccountId);
                    table.ForeignKey(
                        name: "FK_UsageAlertSettings_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UsageImports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FileName = table.Column<string>(type: "nvarchar(260)", maxLength: 260, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    UserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    AcceptedRows = table.Column<int>(type: "int", nullable: false),
                    RejectedRows = table.Column<int>(type: "int", nullable: false),
                    DaysWritten = table.Column<int>(type: "int", nullable: false),
                    DaysUnchanged = table.Column<int>(type: "int", nullable: false),
                    RejectsCsv = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ImportedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageImports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UsagePredictions",
                columns: table => new
                {
                    AccountId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CycleStart = table.Column<DateOnly>(type: "date", nullable: false),
                    LastCompleteDay = table.Column<DateOnly>(type: "date", nullable: false),
                    ForecastKwh = table.Column<double>(type: "float", nullable: false),
                    ForecastLowKwh = table.Column<double>(type: "float", nullable: false),
                    ForecastHighKwh = table.Column<double>(type: "float", nullable: false),
                    NextCycleKwh = table.Column<double>(type: "float", nullable: false),
                    ForecastBill = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    Archetype = table.Column<int>(type: "int", nullable: true),
                    Cluster = table.Column<int>(type: "int", nullable: true),
                    ConsumptionBand = table.Column<int>(type: "int", nullable: false),
                    AnnualKwh = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    ComputedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsagePredictions", x => x.AccountId);
                    table.ForeignKey(
                        name: "FK_UsagePredictions_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UsageSegmentModels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Json = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    TrainedOnAccounts = table.Column<int>(type: "int", nullable: false),
                    TrainedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageSegmentModels", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UsageAlerts_AccountId_RaisedAtUtc",
                table: "UsageAlerts",
                columns: new[] { "AccountId", "RaisedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageAlerts_DedupeKey",
                table: "UsageAlerts",
                column: "DedupeKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UsageImports_ImportedAtUtc",
                table: "UsageImports",
                column: "ImportedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_UsageSegmentModels_TrainedAtUtc",
                table: "UsageSegmentModels",
                column: "TrainedAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UsageAlerts");

            migrationBuilder.DropTable(
                name: "UsageAlertSettings");

            migrationBuilder.DropTable(
                name: "UsageImports");

            migrationBuilder.DropTable(
                name: "UsagePredictions");

            migrationBuilder.DropTable(
                name: "UsageSegmentModels");
        }
    }
}
