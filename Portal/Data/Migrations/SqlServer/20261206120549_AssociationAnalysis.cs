using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.SqlServer
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    WindowFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    WindowTo = table.Column<DateOnly>(type: "date", nullable: false),
                    Months = table.Column<int>(type: "int", nullable: false),
                    MinSupport = table.Column<double>(type: "float", nullable: false),
                    MinConfidence = table.Column<double>(type: "float", nullable: false),
                    MaxItems = table.Column<int>(type: "int", nullable: false),
                    Accounts = table.Column<int>(type: "int", nullable: false),
                    RulesTested = table.Column<int>(type: "int", nullable: false),
                    RulesSignificant = table.Column<int>(type: "int", nullable: false),
                    TriggeredBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DurationMs = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssociationRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AssociationRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    Rank = table.Column<int>(type: "int", nullable: false),
                    Antecedent = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    AntecedentSize = table.Column<int>(type: "int", nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    WithBoth = table.Column<int>(type: "int", nullable: false),
                    AntecedentAccounts = table.Column<int>(type: "int", nullable: false),
                    OutcomeAccounts = table.Column<int>(type: "int", nullable: false),
                    TotalAccounts = table.Column<int>(type: "int", nullable: false),
                    Support = table.Column<double>(type: "float", nullable: false),
                    Confidence = table.Column<double>(type: "float", nullable: false),
                    Lift = table.Column<double>(type: "float", nullable: false),
                    RiskRatio = table.Column<double>(type: "float", nullable: false),
                    RiskRatioLow = table.Column<double>(type: "float", nullable: false),
                    RiskRatioHigh = table.Column<double>(type: "float", nullable: false),
                    PValue = table.Column<double>(type: "float", nullable: false),
                    QValue = table.Column<double>(type: "float", nullable: false),
                    Significant = table.Column<bool>(type: "bit", nullable: false)
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
