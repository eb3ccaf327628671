using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DedupeKey = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Limit = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    ByBill = table.Column<bool>(type: "INTEGER", nullable: false),
                    RaisedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MonthlyKwhThreshold = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    MonthlyBillThreshold = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    TierAlerts = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    AcceptedRows = table.Column<int>(type: "INTEGER", nullable: false),
                    RejectedRows = table.Column<int>(type: "INTEGER", nullable: false),
                    DaysWritten = table.Column<int>(type: "INTEGER", nullable: false),
                    DaysUnchanged = table.Column<int>(type: "INTEGER", nullable: false),
                    RejectsCsv = table.Column<string>(type: "TEXT", nullable: false),
                    ImportedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageImports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UsagePredictions",
                columns: table => new
                {
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CycleStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LastCompleteDay = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ForecastKwh = table.Column<double>(type: "REAL", nullable: false),
                    ForecastLowKwh = table.Column<double>(type: "REAL", nullable: false),
                    ForecastHighKwh = table.Column<double>(type: "REAL", nullable: false),
                    NextCycleKwh = table.Column<double>(type: "REAL", nullable: false),
                    ForecastBill = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    Archetype = table.Column<int>(type: "INTEGER", nullable: true),
                    Cluster = table.Column<int>(type: "INTEGER", nullable: true),
                    ConsumptionBand = table.Column<int>(type: "INTEGER", nullable: false),
                    AnnualKwh = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    ComputedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    TrainedOnAccounts = table.Column<int>(type: "INTEGER", nullable: false),
                    TrainedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
