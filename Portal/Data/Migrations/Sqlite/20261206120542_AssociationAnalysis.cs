using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AssociationAnalysis : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AssociationRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WindowFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    WindowTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Months = table.Column<int>(type: "INTEGER", nullable: false),
                    MinSupport = table.Column<double>(type: "REAL", nullable: false),
                    MinConfidence = table.Column<double>(type: "REAL", nullable: false),
                    MaxItems = table.Column<int>(type: "INTEGER", nullable: false),
                    Accounts = table.Column<int>(type: "INTEGER", nullable: false),
                    RulesTested = table.Column<int>(type: "INTEGER", nullable: false),
                    RulesSignificant = table.Column<int>(type: "INTEGER", nullable: false),
                    TriggeredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DurationMs = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssociationRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AssociationRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    Antecedent = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    AntecedentSize = table.Column<int>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    WithBoth = table.Column<int>(type: "INTEGER", nullable: false),
                    AntecedentAccounts = table.Column<int>(type: "INTEGER", nullable: false),
                    OutcomeAccounts = table.Column<int>(type: "INTEGER", nullable: false),
                    TotalAccounts = table.Column<int>(type: "INTEGER", nullable: false),
                    Support = table.Column<double>(type: "REAL", nullable: false),
                    Confidence = table.Column<double>(type: "REAL", nullable: false),
                    Lift = table.Column<double>(type: "REAL", nullable: false),
                    RiskRatio = table.Column<double>(type: "REAL", nullable: false),
                    RiskRatioLow = table.Column<double>(type: "REAL", nullable: false),
                    RiskRatioHigh = table.Column<double>(type: "REAL", nullable: false),
                    PValue = table.Column<double>(type: "REAL", nullable: false),
                    QValue = table.Column<double>(type: "REAL", nullable: false),
                    Significant = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssociationRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssociationRules_AssociationRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "AssociationRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssociationRules_RunId_Significant_Rank",
                table: "AssociationRules",
                columns: new[] { "RunId", "Significant", "Rank" });

            migrationBuilder.CreateIndex(
                name: "IX_AssociationRuns_StartedAtUtc",
                table: "AssociationRuns",
                column: "StartedAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssociationRules");

            migrationBuilder.DropTable(
                name: "AssociationRuns");
        }
    }
}
