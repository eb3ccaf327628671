using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Campaigns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Campaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OfferKind = table.Column<int>(type: "INTEGER", nullable: false),
                    OfferCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Filter = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    SourceRuleId = table.Column<long>(type: "INTEGER", nullable: true),
                    ControlPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    LaunchedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    LaunchedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ManagerUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    LaunchedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndsAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TreatmentCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ControlCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Campaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CampaignTargets",
                columns: table => new
                {
                    CampaignId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Group = table.Column<int>(type: "INTEGER", nullable: false),
                    Segment = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Saving = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    FirstViewedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Response = table.Column<int>(type: "INTEGER", nullable: false),
                    RespondedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RespondedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    FollowUpId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignTargets", x => new { x.CampaignId, x.AccountId });
                    table.ForeignKey(
                        name: "FK_CampaignTargets_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CampaignTargets_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_LaunchedAtUtc",
                table: "Campaigns",
                column: "LaunchedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_OfferKind_OfferCode",
                table: "Campaigns",
                columns: new[] { "OfferKind", "OfferCode" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignTargets_AccountId_Response",
                table: "CampaignTargets",
                columns: new[] { "AccountId", "Response" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CampaignTargets");

            migrationBuilder.DropTable(
                name: "Campaigns");
        }
    }
}
